package dev.tarjama.export;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tarjama.translation.TranslatedDocument;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;

/**
 * Validates the example article and sampled hostile documents against the official schemas: the
 * XLIFF 2.x core XSD ({@code xliff_core_2.0.xsd}), the XLIFF 1.2 strict XSD
 * ({@code xliff-core-1.2-strict.xsd}) and the TMX 1.4b DTD ({@code tmx14.dtd}). The schemas are not
 * in the repository; pass a folder holding those three files (with their {@code xml.xsd} import
 * resolvable offline) as {@code -Dexport.schemas=DIR}. Without it the test is skipped.
 */
class OfficialSchemaValidationTest {
    static final String DIR = System.getProperty("export.schemas", "");

    @Test
    void exportsValidateAgainstOfficialXliffSchemasAndTmxDtd() throws Exception {
        assumeTrue(!DIR.isBlank(), "skipped: no -Dexport.schemas=DIR with the official XLIFF XSDs and tmx14.dtd");
        Path dir = Path.of(DIR);
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema xliff2 = sf.newSchema(dir.resolve("xliff_core_2.0.xsd").toFile());
        Schema xliff12 = sf.newSchema(dir.resolve("xliff-core-1.2-strict.xsd").toFile());
        String dtd = dir.resolve("tmx14.dtd").toUri().toString();

        List<TranslatedDocument> docs = new java.util.ArrayList<>(HostileText.documents().sampleStream().limit(200).toList());
        docs.add(0, ExampleArticle.document());
        for (int i = 0; i < docs.size(); i++) {
            ExportContext ctx = i == 0 ? ExampleArticle.CONTEXT : new ExportContext("t", Instant.EPOCH, "Tarjama", "test");
            validate(xliff2, Exporters.toBytes(docs.get(i), ExportFormat.XLIFF, ctx));
            validate(xliff12, Exporters.toBytes(docs.get(i), ExportFormat.XLIFF12, ctx));
            validateTmx(dtd, Exporters.toBytes(docs.get(i), ExportFormat.TMX, ctx));
        }
    }

    private static void validate(Schema schema, byte[] xml) throws Exception {
        Validator v = schema.newValidator();
        v.setErrorHandler(XmlParsing.STRICT);
        v.validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    private static void validateTmx(String dtdUri, byte[] xml) throws Exception {
        String withDoctype = new String(xml, StandardCharsets.UTF_8)
                .replaceFirst("\\?>\n", "?>\n<!DOCTYPE tmx SYSTEM \"" + dtdUri + "\">\n");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setValidating(true);
        f.setNamespaceAware(true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(XmlParsing.STRICT);
        b.parse(new ByteArrayInputStream(withDoctype.getBytes(StandardCharsets.UTF_8)));
    }
}
