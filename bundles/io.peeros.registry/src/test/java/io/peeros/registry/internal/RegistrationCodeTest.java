package io.peeros.registry.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.peeros.registry.api.RegistryException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

public class RegistrationCodeTest {

    @Test
    public void codesAreFourGroupsOfFourBase32Characters() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        int[] counts = new int[32];
        for (int i = 0; i < 2000; i++) {
            String code = RegistrationCode.generate(random);
            assertTrue(code, code.matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"));
            assertTrue(seen.add(code));
            code.replace("-", "").chars().forEach(c -> counts[RegistrationCode.ALPHABET.indexOf(c)]++);
        }
        for (int count : counts) {
            assertTrue("every symbol appears", count > 500); // 32000 symbols, 1000 expected each
        }
    }

    @Test
    public void typingIsForgiving() {
        byte[] expected = "ABCDEFGHIJKLMNOP".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(expected, RegistrationCode.normalize("ABCD-EFGH-IJKL-MNOP"));
        assertArrayEquals(expected, RegistrationCode.normalize("abcd efgh ijkl mnop"));
        assertArrayEquals(expected, RegistrationCode.normalize("abcdefghijklmnop"));
        assertArrayEquals(expected, RegistrationCode.normalize(" ab-cd--EFGH- ijklmnop\t"));
    }

    @Test
    public void nonCodesAreRefusedWithoutUsingATry() {
        for (String typed : new String[] {"ABCD-EFGH-IJKL", "ABCD-EFGH-IJKL-MNOPQ", "ABCD-EFGH-IJKL-MN0P",
                "ÄBCD-EFGH-IJKL-MNOP", "", null}) {
            try {
                RegistrationCode.normalize(typed);
                fail(typed);
            } catch (RegistryException e) {
                assertEquals("CODE_WRONG", e.code());
                assertTrue(e.getMessage().contains("No try was used up"));
            }
        }
    }
}
