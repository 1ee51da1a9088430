require("@acme/notes-server").start();
