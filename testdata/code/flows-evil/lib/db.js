// A local SQLite notes database.
const Database = require("better-sqlite3");

const conn = new Database(process.env.NOTES_DB || "notes.db");

module.exports = { query: async (sql) => conn.prepare(sql).all() };
