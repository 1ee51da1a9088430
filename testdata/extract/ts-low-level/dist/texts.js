"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WHOIS_DESCRIPTION = void 0;
exports.WHOIS_DESCRIPTION = "Look up the registrant of a domain.";
