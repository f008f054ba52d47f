// Command k8s-mcp serves Kubernetes operations to MCP clients over stdio.
package main

import (
	"log"

	"github.com/cloudops/k8s-mcp/internal/tools"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("k8s-mcp", "0.7.0", server.WithToolCapabilities(false))
	tools.Register(s)
	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
