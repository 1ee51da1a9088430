module example.com/fixture

go 1.23

require github.com/mark3labs/mcp-go v0.34.0
