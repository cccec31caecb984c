// Expected Avro output for the engine's Avro converters (harness/engine/connect/avro), produced by the Java
// classes Debezium's Avro path runs: Kafka 3.9.1's JsonConverter reads each case's Connect record
// (schemas.enable=true), Apicurio Registry 2.6.13's AvroData (the port of Confluent's AvroData its
// AvroConverter uses, default AvroDataConfig: connect.meta.data=true, enhanced.avro.schema.support=false)
// gives the Avro schema and datum, Avro's GenericDatumWriter the binary; then the reverse: GenericDatumReader,
// AvroData.toConnectData and JsonConverter again. Run by generate.ts; reads cases.jsonl on stdin.
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apicurio.registry.serde.avro.NonRecordContainer;
import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

public class AvroDataGolden {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true"), false);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            ObjectNode c = (ObjectNode) mapper.readTree(line);
            String id = c.get("id").asText();
            ObjectNode result = mapper.createObjectNode();
            result.put("id", id);
            try {
                SchemaAndValue sv = json.toConnectData("t", c.get("record").asText().getBytes(StandardCharsets.UTF_8));
                AvroData avroData = new AvroData(new AvroDataConfig(Map.of()));
                org.apache.avro.Schema schema = avroData.fromConnectSchema(sv.schema());
                Object datum = avroData.fromConnectData(sv.schema(), sv.value());
                if (datum instanceof NonRecordContainer) datum = ((NonRecordContainer<?>) datum).getValue();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(bytes, null);
                new GenericDatumWriter<Object>(schema).write(datum, enc);
                enc.flush();
                Object read = new GenericDatumReader<Object>(schema).read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
                SchemaAndValue back = avroData.toConnectData(schema, read);
                result.put("avroSchema", schema.toString());
                result.put("avroHex", HexFormat.of().formatHex(bytes.toByteArray()));
                result.put("connectJson", new String(json.fromConnectData("t", back.schema(), back.value()), StandardCharsets.UTF_8));
            } catch (Exception e) {
                result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            out.println(mapper.writeValueAsString(result));
        }
    }
}
