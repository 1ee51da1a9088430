"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) { return mod; };
var __importStar = (this && this.__importStar) || function (mod) { return mod; };
Object.defineProperty(exports, "__esModule", { value: true });
const index_js_1 = require("@modelcontextprotocol/sdk/server/index.js");
const types_js_1 = require("@modelcontextprotocol/sdk/types.js");
const zod_1 = require("zod");
const zod_to_json_schema_1 = require("zod-to-json-schema");
const schemas_js_1 = require("./schemas.js");
const texts = __importStar(require("./texts.js"));
const PING_TOOL = {
    name: "ping_host",
    description: "ICMP ping a host. " +
        "Returns the round-trip time.",
    inputSchema: {
        type: "object",
        properties: { host: { type: "string", description: "Host name or address" } },
        required: ["host"],
    },
};
const server = new index_js_1.Server({ name: "demo", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(types_js_1.ListToolsRequestSchema, async () => ({
    tools: [
        PING_TOOL,
        {
            name: "create_issue",
            description: schemas_js_1.CREATE_ISSUE_DESCRIPTION,
            inputSchema: (0, zod_to_json_schema_1.zodToJsonSchema)(schemas_js_1.CreateIssueSchema),
        },
        {
            name: "whois",
            description: texts.WHOIS_DESCRIPTION,
            inputSchema: { type: "object", properties: { domain: { type: "string" } } },
        },
        {
            name: 'dns_lookup',
            description: 'Resolve a name\u2014fast',
            inputSchema: { type: 'object', properties: {} },
            annotations: { readOnlyHint: true },
        },
    ],
}));
