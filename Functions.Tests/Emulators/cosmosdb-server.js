// cosmosdb-server 1.0.1 as the .NET Cosmos SDK needs it, with two gaps closed in front of it:
// - the SDK asks the gateway for a query plan (x-ms-cosmos-is-query-plan-request) before running a
//   query; cosmosdb-server would run the query instead. The emulator has one partition range, so a
//   plan that asks for nothing but that range makes the SDK send the query through unchanged.
// - reading a missing document answers 500 (it compares the partition key of `undefined`) instead
//   of 404, unless the request skips that comparison; the lookup after it matches the partition too.
const { createHttpsServer } = require("@vercel/cosmosdb-server");

const args = process.argv.slice(2);
const option = name => args[args.indexOf(name) + 1];
const server = createHttpsServer();
const [handle] = server.listeners("request");
server.removeAllListeners("request");
server.on("request", (req, res) => {
  if (req.headers["x-ms-cosmos-is-query-plan-request"]) {
    req.resume();
    res.setHeader("content-type", "application/json");
    res.setHeader("x-ms-request-charge", "0");
    res.setHeader("x-ms-activity-id", "00000000-0000-0000-0000-000000000000");
    res.end(JSON.stringify({
      partitionedQueryExecutionInfoVersion: 2,
      queryInfo: {
        distinctType: "None", top: null, offset: null, limit: null, orderBy: [], orderByExpressions: [],
        groupByExpressions: [], groupByAliases: [], aggregates: [], groupByAliasToAggregateType: {},
        rewrittenQuery: "", hasSelectValue: false, dCountInfo: null, hasNonStreamingOrderBy: false,
      },
      queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
    }));
    return;
  }
  if (req.method === "GET" && /^\/dbs\/[^/]+\/colls\/[^/]+\/docs\/[^/]+$/.test(req.url)) {
    req.headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
  }
  handle(req, res);
});
server.listen(Number(option("--port")), option("--host"));
