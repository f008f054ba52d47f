"""The Scrapy project that harvests MCP servers and their tool definitions."""
