export const SEARCH_DESCRIPTION = [
  "Search files by name.",
  "Matches are case-insensitive.",
].join(" ");
