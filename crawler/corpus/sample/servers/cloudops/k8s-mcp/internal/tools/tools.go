// Package tools declares the server's tools with mcp-go's NewTool options.
package tools

import (
	"context"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const namespaceHelp = "Namespace"

// Register adds every tool to s.
func Register(s *server.MCPServer) {
	s.AddTool(mcp.NewTool("list_pods",
		mcp.WithDescription("List pods in a namespace with their status."),
		mcp.WithReadOnlyHintAnnotation(true),
		mcp.WithString("namespace", mcp.Description(namespaceHelp), mcp.DefaultString("default")),
	), listPods)

	s.AddTool(mcp.NewTool("scale_deployment",
		mcp.WithDescription("Scale a deployment to a number of replicas."),
		mcp.WithString("namespace", mcp.Description(namespaceHelp)),
		mcp.WithString("name", mcp.Required(), mcp.Description("Deployment name")),
		mcp.WithNumber("replicas", mcp.Required(), mcp.Min(0)),
	), scaleDeployment)

	s.AddTool(mcp.NewTool("exec_in_pod",
		mcp.WithDescription("Run a command inside a running container of a pod."),
		mcp.WithString("pod", mcp.Required(), mcp.Description("Pod name")),
		mcp.WithArray("command", mcp.Required(), mcp.Description("Command and arguments"), mcp.WithStringItems()),
	), execInPod)

	// The author marks it read-only as well as destructive: hints are the author's word, not a guarantee.
	s.AddTool(mcp.NewTool("delete_namespace",
		mcp.WithDescription("Delete a namespace and every resource in it."),
		mcp.WithDestructiveHintAnnotation(true),
		mcp.WithReadOnlyHintAnnotation(true),
		mcp.WithString("namespace", mcp.Required(), mcp.Description("Namespace to delete")),
		mcp.WithBoolean("force", mcp.DefaultBool(false)),
	), deleteNamespace)
}

func listPods(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return kubectl(ctx, "get", "pods", "-n", req.GetString("namespace", "default"))
}

func scaleDeployment(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	replicas := fmt.Sprintf("--replicas=%d", req.GetInt("replicas", 0))
	return kubectl(ctx, "scale", "deployment", req.GetString("name", ""), "-n", req.GetString("namespace", "default"), replicas)
}

func execInPod(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	args := append([]string{"exec", req.GetString("pod", ""), "--"}, req.GetStringSlice("command", nil)...)
	return kubectl(ctx, args...)
}

func deleteNamespace(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	args := []string{"delete", "namespace", req.GetString("namespace", "")}
	if req.GetBool("force", false) {
		args = append(args, "--grace-period=0", "--force")
	}
	return kubectl(ctx, args...)
}
