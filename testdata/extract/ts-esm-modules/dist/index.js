import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import forecast from './tools/forecast/index.js';
const server = new McpServer({ name: 'weather', version: '1.0.0' });
for (const tool of [forecast]) {
    tool.register(server);
}
await server.connect(new StdioServerTransport());
