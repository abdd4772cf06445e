package io.peeros.upgrade.internal.archive;

import io.peeros.upgrade.api.UpgradeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What an upgrade needs of a features repository: its name, its features and their versions, the bundle
 * locations, and the PeerOS bundles ({@code mvn:io.peeros/<artifact>/<version>}) that the archive must carry.
 * Parsed with DTDs and external entities off.
 *
 * @param name the repository's name attribute
 * @param features feature name to version, in document order
 * @param bundles every bundle location, in document order
 */
public record FeaturesXml(String name, Map<String, String> features, List<String> bundles) {

    /** A PeerOS bundle in a features repository: {@code mvn:io.peeros/<artifact>/<version>}. */
    public static final Pattern PEEROS_BUNDLE = Pattern.compile("mvn:io\\.peeros/([A-Za-z0-9._-]+)/([A-Za-z0-9._-]+)");

    public static FeaturesXml parse(byte[] xml) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, ArchiveLayout.FEATURES
                    + " is not a well-formed features repository: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"features".equals(root.getLocalName() == null ? root.getTagName() : root.getLocalName())) {
            throw new UpgradeException(UpgradeException.ARCHIVE_INVALID, ArchiveLayout.FEATURES
                    + " is not a Karaf features repository (its root element is <" + root.getTagName() + ">)");
        }
        Map<String, String> features = new LinkedHashMap<>();
        List<String> bundles = new ArrayList<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element feature && "feature".equals(feature.getTagName())) {
                features.put(feature.getAttribute("name"), feature.getAttribute("version").isEmpty() ? "0.0.0"
                        : feature.getAttribute("version"));
                NodeList inner = feature.getElementsByTagName("bundle");
                for (int j = 0; j < inner.getLength(); j++) {
                    bundles.add(inner.item(j).getTextContent().strip());
                }
            }
        }
        return new FeaturesXml(root.getAttribute("name"), features, bundles);
    }

    /** The PeerOS bundle locations, each once, as {@code [artifact, version]} by location. */
    public Map<String, String[]> peerosBundles() {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String location : bundles) {
            Matcher m = PEEROS_BUNDLE.matcher(location);
            if (m.matches()) {
                out.put(location, new String[] {m.group(1), m.group(2)});
            }
        }
        return out;
    }

    /** The repository text with every PeerOS bundle location replaced by {@code replacement}'s answer. */
    public static byte[] rewrite(byte[] xml, Function<String, String> replacement) {
        Matcher m = PEEROS_BUNDLE.matcher(new String(xml, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(escape(replacement.apply(m.group()))));
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
