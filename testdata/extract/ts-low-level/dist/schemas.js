"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CreateIssueSchema = exports.CREATE_ISSUE_DESCRIPTION = void 0;
const zod_1 = require("zod");
exports.CREATE_ISSUE_DESCRIPTION = "Create a new issue in a repository";
exports.CreateIssueSchema = zod_1.z.object({
    title: zod_1.z.string().describe("Issue title"),
    labels: zod_1.z.array(zod_1.z.string()).optional().describe("Labels to add"),
});
