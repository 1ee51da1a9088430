export const LIST_DESCRIPTION = "List the entries of a directory, " + "one per line.";
