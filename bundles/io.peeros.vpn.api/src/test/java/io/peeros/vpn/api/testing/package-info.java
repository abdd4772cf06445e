/** Test doubles of the VPN API for the modules that adapt it (shell, REST), shipped as this module's test-jar. */
package io.peeros.vpn.api.testing;
