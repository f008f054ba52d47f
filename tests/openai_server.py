"""A real OpenAI-compatible HTTP server on 127.0.0.1 with scripted answers: chat completions, files and batches.

Each tool name scripts one behaviour of a real endpoint (a 429, a 500, a slow or malformed answer, a model
talked into "Low"...). A batch answers every request of its input file exactly as the chat endpoint would;
its states follow ``OpenAIEndpoint.batch_states`` one retrieve at a time (the last state then stays).
"""

import json
import threading
import time
from collections.abc import Iterator
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any

SCRIPTED = ("malformed", "ratelimited", "slow", "broken", "mangled", "sneaky_delete", "get_weather", "issue_credit")
CONTENT = {
    "malformed": "I think it is probably fine",
    "sneaky_delete": {"category": "Read", "risk": "Low", "confidence": 0.99, "rationale": "The description says so."},
    "get_weather": {"category": "Read", "risk": "Low", "confidence": 0.9, "rationale": "Reads a forecast."},
    "issue_credit": {
        "category": "Financial",
        "risk": "Critical",
        "confidence": 0.8,
        "rationale": "A credit note moves money back to a customer.",
    },
}
DEFAULT = {"category": "Read", "risk": "Low", "confidence": 0.5, "rationale": "ok"}
USAGE = {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}


def scripted_tool(body: dict[str, Any]) -> str | None:
    message = body["messages"][1]["content"]
    return next((n for n in SCRIPTED if f'"name":"{n}"' in message), None)


def completion(body: dict[str, Any], tool: str | None) -> dict[str, Any]:
    content = CONTENT.get(tool or "", DEFAULT)
    text = content if isinstance(content, str) else json.dumps(content)
    return {
        "id": "x",
        "object": "chat.completion",
        "created": 0,
        "model": body["model"],
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": text},
            }
        ],
        "usage": USAGE,
    }


class OpenAIEndpoint(BaseHTTPRequestHandler):
    calls: list[dict[str, Any]] = []  # chat completion request bodies, in order
    attempts: dict[str, int] = {}
    files: dict[str, bytes] = {}
    batches: dict[str, dict[str, Any]] = {}
    batch_states: list[str] = ["validating", "in_progress", "completed"]
    retrieves: int = 0
    ids = count(1)

    @classmethod
    def reset(cls) -> None:
        cls.calls, cls.attempts, cls.files, cls.batches = [], {}, {}, {}
        cls.batch_states, cls.retrieves = ["validating", "in_progress", "completed"], 0

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        raw = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path.endswith("/files"):
            return self._upload(raw)
        body = json.loads(raw)
        if self.path.endswith("/batches"):
            return self._create_batch(body)
        OpenAIEndpoint.calls.append(body)
        tool = scripted_tool(body)
        if tool:
            OpenAIEndpoint.attempts[tool] = OpenAIEndpoint.attempts.get(tool, 0) + 1
        if tool == "ratelimited" and OpenAIEndpoint.attempts[tool] == 1:
            return self._send(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"})
        if tool == "broken":
            return self._send(500, {"error": {"message": "boom"}})
        if tool == "slow":
            time.sleep(2)
        self._send(200, completion(body, tool))

    def do_GET(self) -> None:  # noqa: N802
        parts = self.path.strip("/").split("/")
        if parts[-1] == "content" and parts[-2] in OpenAIEndpoint.files:
            return self._send(200, OpenAIEndpoint.files[parts[-2]])
        if parts[-2] == "batches" and parts[-1] in OpenAIEndpoint.batches:
            return self._send(200, self._advance(OpenAIEndpoint.batches[parts[-1]]))
        self._send(404, {"error": {"message": "no such object"}})

    def _upload(self, raw: bytes) -> None:
        message = BytesParser().parsebytes(f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + raw)
        fields = {part.get_param("name", header="content-disposition"): part for part in message.get_payload()}
        content = fields["file"].get_payload(decode=True)
        file_id = f"file-{next(OpenAIEndpoint.ids)}"
        OpenAIEndpoint.files[file_id] = content
        self._send(200, _file(file_id, len(content), fields["purpose"].get_payload()))

    def _create_batch(self, body: dict[str, Any]) -> None:
        assert body["input_file_id"] in OpenAIEndpoint.files and body["endpoint"] == "/v1/chat/completions"
        batch_id = f"batch_{next(OpenAIEndpoint.ids)}"
        batch = {
            "id": batch_id,
            "object": "batch",
            "endpoint": body["endpoint"],
            "completion_window": body["completion_window"],
            "created_at": 0,
            "input_file_id": body["input_file_id"],
            "status": "validating",
            "metadata": body.get("metadata"),
        }
        OpenAIEndpoint.batches[batch_id] = batch
        self._send(200, batch)

    def _advance(self, batch: dict[str, Any]) -> dict[str, Any]:
        states = OpenAIEndpoint.batch_states
        status = states[min(OpenAIEndpoint.retrieves, len(states) - 1)]
        OpenAIEndpoint.retrieves += 1
        if status == "failed":
            batch["errors"] = {"object": "list", "data": [{"code": "invalid_request", "message": "scripted failure"}]}
        if status == "completed" and batch["status"] != "completed":
            batch["output_file_id"], batch["error_file_id"] = self._answer_file(batch["input_file_id"])
        batch["status"] = status
        return batch

    def _answer_file(self, input_file_id: str) -> tuple[str, str | None]:
        """The output and error files, answered as the chat endpoint would; a ``mangled`` tool's line is cut short."""
        output, errors = [], []
        for line in OpenAIEndpoint.files[input_file_id].decode().splitlines():
            request = json.loads(line)
            tool = scripted_tool(request["body"])
            if tool == "broken":
                response = {"status_code": 500, "body": {"error": {"message": "boom"}}}
                errors.append(json.dumps({"id": "r", "custom_id": request["custom_id"], "response": response}))
                continue
            response = {"status_code": 200, "request_id": "r", "body": completion(request["body"], tool)}
            answer = json.dumps({"id": "r", "custom_id": request["custom_id"], "response": response, "error": None})
            output.append(answer[: len(answer) // 2] if tool == "mangled" else answer)
        return self._save(output), self._save(errors) if errors else None

    def _save(self, lines: list[str]) -> str:
        file_id = f"file-{next(OpenAIEndpoint.ids)}"
        OpenAIEndpoint.files[file_id] = "".join(f"{line}\n" for line in lines).encode()
        return file_id

    def _send(self, status: int, data: dict[str, Any] | bytes, headers: dict[str, str] | None = None) -> None:
        payload = data if isinstance(data, bytes) else json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


def _file(file_id: str, size: int, purpose: str) -> dict[str, Any]:
    return {
        "id": file_id,
        "object": "file",
        "bytes": size,
        "created_at": 0,
        "filename": "requests.jsonl",
        "purpose": purpose,
        "status": "processed",
    }


def serve() -> Iterator[str]:
    """For a fixture: the endpoint's base URL while it runs."""
    OpenAIEndpoint.reset()
    server = ThreadingHTTPServer(("127.0.0.1", 0), OpenAIEndpoint)
    server.handle_error = lambda *args: None  # type: ignore[method-assign]  # a client that gave up is expected
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
