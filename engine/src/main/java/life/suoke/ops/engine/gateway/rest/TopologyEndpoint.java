package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.protocol.rest.BrokerInfo;
import io.camunda.client.protocol.rest.Partition;
import io.camunda.client.protocol.rest.TopologyResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import life.suoke.ops.engine.record.Record;

/** {@code GET /v2/topology}: a cluster of one broker that leads the one partition. */
final class TopologyEndpoint {

  private TopologyEndpoint() {}

  static void register(Router router, String host, IntSupplier brokerPort) {
    router.get(
        "/v2/topology",
        request -> {
          Partition partition =
              new Partition()
                  .partitionId(Record.PARTITION_ID)
                  .role(Partition.RoleEnum.LEADER)
                  .health(Partition.HealthEnum.HEALTHY);
          BrokerInfo broker =
              new BrokerInfo()
                  .nodeId(0)
                  .host(host)
                  .port(brokerPort.getAsInt())
                  .addPartitionsItem(partition)
                  .version(Record.BROKER_VERSION);
          TopologyResponse topology =
              new TopologyResponse()
                  .addBrokersItem(broker)
                  .clusterSize(1)
                  .partitionsCount(1)
                  .replicationFactor(1)
                  .gatewayVersion(Record.BROKER_VERSION);
          return CompletableFuture.completedFuture(RestResponse.ok(topology));
        });
  }
}
