package main

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

const greetDescription = "Say hello " + "to someone"

func main() {
	s := server.NewMCPServer("demo", "1.0.0")
	t := mcp.NewTool("hello_world",
		mcp.WithDescription(greetDescription),
		mcp.WithString("name", mcp.Required(), mcp.Description("Who to greet")),
		mcp.WithString("tone", mcp.Enum("warm", "dry"), mcp.DefaultString("warm")),
		mcp.WithReadOnlyHintAnnotation(true),
		mcp.WithDestructiveHintAnnotation(false),
	)
	s.AddTool(t, nil)
	_ = &mcp.Tool{Name: "greet", Description: `Say hi
on two lines`, Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true}}
	_ = sdk.Implementation{}
}
