// A small client of the PayStream REST API: every call is authenticated with the merchant's secret key.
export class PayStream {
  constructor(private readonly key: string, private readonly base = "https://api.paystream.example/v1") {}

  async get(path: string): Promise<unknown> {
    return this.call("GET", path);
  }

  async post(path: string, body: unknown): Promise<unknown> {
    return this.call("POST", path, body);
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(this.base + path, {
      method,
      headers: { Authorization: `Bearer ${this.key}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`PayStream answered ${response.status}`);
    return response.json();
  }
}
