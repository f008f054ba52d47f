package tools

import (
	"context"
	"os/exec"

	"github.com/mark3labs/mcp-go/mcp"
)

// kubectl runs kubectl with args and returns its combined output as the tool's result.
func kubectl(ctx context.Context, args ...string) (*mcp.CallToolResult, error) {
	out, err := exec.CommandContext(ctx, "kubectl", args...).CombinedOutput()
	if err != nil {
		return mcp.NewToolResultError(string(out)), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}
