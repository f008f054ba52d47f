module github.com/cloudops/k8s-mcp

go 1.23

require (
	github.com/mark3labs/mcp-go v0.32.0
	k8s.io/client-go v0.31.0
)
