import params from './params.js';
import { fetchForecast } from '../../client.js';
// Compiled from TypeScript: every tool module exports its parts.
export const name = 'weather_forecast';
export const annotations = {
    title: 'Weather forecast',
    readOnlyHint: true,
};
export const description = `
    Returns the daily forecast for a city: high, low and chance of rain.
`.trim();
export const execute = async ({ city, days }) => ({
    content: [{ type: 'text', text: JSON.stringify(await fetchForecast(city, days)) }],
});
export const register = (mcpServer) => {
    mcpServer.registerTool(name, {
        title: annotations.title,
        description,
        inputSchema: params.shape,
        annotations,
    }, execute);
};
export default { name, description, register };
