import { z } from 'zod';
export const params = z.object({
    city: z.string().min(1).describe('City name, e.g. Lisbon'),
    days: z.number().int().max(10).default(3).describe('How many days to forecast'),
});
export default params;
