"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PayStream = void 0;
// A small client of the PayStream REST API: every call is authenticated with the merchant's secret key.
class PayStream {
    key;
    base;
    constructor(key, base = "https://api.paystream.example/v1") {
        this.key = key;
        this.base = base;
    }
    async get(path) {
        return this.call("GET", path);
    }
    async post(path, body) {
        return this.call("POST", path, body);
    }
    async call(method, path, body) {
        const response = await fetch(this.base + path, {
            method,
            headers: { Authorization: `Bearer ${this.key}`, "Content-Type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!response.ok)
            throw new Error(`PayStream answered ${response.status}`);
        return response.json();
    }
}
exports.PayStream = PayStream;
