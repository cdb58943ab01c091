#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, made from the golden fixtures in tests/fixtures.

    tests/fuzz/make-seeds.py OUT_DIR      (run.sh: build/fuzz/seeds)

Writes OUT_DIR/<target>/<name> files. Fixtures that already are what a target reads are
copied; the rest are turned into its input (a stream fixture's events become SSE bytes, an
upstream error body becomes an HTTP response in each framing, ...). Nothing is kept in the
repository: the fixtures stay the one source. Python 3 standard library only.
"""

import json
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def writer(out, target):
    folder = out / target
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)

    def write(name, data):
        if isinstance(data, str):
            data = data.encode()
        (folder / name).write_bytes(data)

    return write


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def sse(events, newline="\n"):
    return "".join("data: " + compact(event) + newline + newline for event in events)


def http_responses(name, body, content_type, write):
    """One body in every framing the parser knows."""
    body = body if isinstance(body, bytes) else body.encode()
    head = "HTTP/1.1 {} X\r\nContent-Type: " + content_type + "\r\n"
    write(name + ".length", (head.format(200) + "Content-Length: %d\r\n\r\n" % len(body)).encode() + body)
    half = len(body) // 2
    chunks = b"".join(b"%x;ext=1\r\n" % len(part) + part + b"\r\n" for part in (body[:half], body[half:]) if part)
    write(name + ".chunked", (head.format(200) + "Transfer-Encoding: chunked\r\n\r\n").encode() + chunks +
          b"0\r\nX-Trailer: 1\r\n\r\n")
    write(name + ".close", ("HTTP/1.0 200 OK\nContent-Type: " + content_type + "\n\n").encode() + body)
    write(name + ".continue", ("HTTP/1.1 100 Continue\r\n\r\n" + head.format(429) +
                               "Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body)).encode() + body)


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "fuzz" / "seeds").resolve()

    # chat_request: the request fixtures, the refused ones, the e2e suite's hostile bodies.
    write = writer(out, "chat_request")
    requests = sorted((FIXTURES / "translate" / "request").glob("*.openai.json"))
    for path in requests:
        write(path.name, path.read_bytes())
    for i, case in enumerate(json.loads((FIXTURES / "translate" / "request-errors.json").read_text())):
        write("error-%02d.json" % i, compact(case["request"]))
    # JSON inside strings (tool call arguments, tool results), nested near the body's limit.
    nested = "[" * 100 + "]" * 100
    write("nested-in-strings.json", compact({
        "model": "gemini-3-pro-preview",
        "messages": [{"role": "user", "content": "hi"},
                     {"role": "assistant", "tool_calls": [{"id": "s1", "type": "function",
                                                           "function": {"name": "f", "arguments": nested}}]},
                     {"role": "tool", "tool_call_id": "s1", "content": nested}]}))
    hostile = (FIXTURES / "e2e" / "hostile-chat-bodies.jsonl").read_text().splitlines()
    for i, line in enumerate(hostile):
        if line.strip():
            write("hostile-%02d.json" % i, line)

    # legacy_completions: the chat fixtures' settings with a prompt instead of messages.
    write = writer(out, "legacy_completions")
    for path in requests:
        request = json.loads(path.read_text())
        request.pop("messages", None)
        request["prompt"] = "Say hello" if len(path.name) % 2 else ["Say hello"]
        write(path.name, compact(request))
    write("bare.json", '{"model":"gemini-2.5-flash","prompt":"hi"}')

    # embeddings: requests, each carrying an answer to read back (see fuzz_embeddings.cpp).
    write = writer(out, "embeddings")
    answer = {"embeddings": [{"values": [0.25, -1.5, 3]}, {"values": []}]}
    for i, request in enumerate([
        {"model": "text-embedding-004", "input": "hello"},
        {"model": "models/gemini-embedding-001", "input": ["a", "b"], "dimensions": 8},
        {"model": "text-embedding-004", "input": ["x"], "encoding_format": "base64"},
        {"model": "text-embedding-004", "input": "y", "encoding_format": "float", "user": "u"},
    ]):
        write("request-%d.json" % i, compact(request))
        write("request-answer-%d.json" % i, compact({**request, **answer}))

    # chat_response: whole answers, and Google's error bodies.
    write = writer(out, "chat_response")
    for path in sorted((FIXTURES / "translate" / "response").glob("*.gemini-response.json")):
        write(path.name, path.read_bytes())
    for path in sorted((FIXTURES / "upstream").glob("*.json")):
        write("upstream-" + path.name, path.read_bytes())

    # messages_request: the Messages fixtures, and a few refused bodies.
    write = writer(out, "messages_request")
    for path in sorted((FIXTURES / "messages").glob("*.request.json")):
        write(path.name, path.read_bytes())
    write("refused-role.json", '{"model":"gemini-2.5-flash","messages":[{"role":"tool","content":"x"}]}')
    write("tool-result.json", compact({
        "model": "claude-sonnet-4-5", "max_tokens": 10,
        "messages": [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_h66_abc",
                                                   "content": [{"type": "text", "text": "{}"}], "is_error": True}]}]}))

    # chat_stream and sse: the stream fixtures as SSE, in each line ending.
    stream_write = writer(out, "chat_stream")
    messages_write = writer(out, "messages_stream")
    sse_write = writer(out, "sse")
    recorded = (FIXTURES / "sse" / "gemini-stream.sse").read_bytes()
    for write in (stream_write, sse_write):
        write("gemini-stream.sse", recorded)
    for path in sorted((FIXTURES / "translate" / "stream").glob("*.json")):
        events = json.loads(path.read_text())["events"]
        stream_write(path.stem + ".sse", sse(events))
        messages_write(path.stem + ".sse", sse(events))
        sse_write(path.stem + ".crlf.sse", sse(events, "\r\n"))
        sse_write(path.stem + ".cr.sse", sse(events, "\r"))
    sse_write("fields.sse", ": keep-alive\n\nevent: x\nid: 1\ndata:a\ndata: b\r\n\r\ndata\n\n")

    # request_framer: what clients send on one connection (the attack suite's probes among them).
    write = writer(out, "request_framer")
    body = compact({"model": "gemini-2.5-flash", "messages": [{"role": "user", "content": "hi"}]})
    post = ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost:8000\r\nAuthorization: Bearer hydra-x\r\n"
            "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    write("post", post)
    write("pipelined", post + "GET /v1/models HTTP/1.1\r\nHost: localhost\r\n\r\n" + post)
    write("chunked", "POST /v1/embeddings HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                     "Expect: 100-continue\r\n\r\n5;ext=1\r\n{\"a\":\r\n2\r\n1}\r\n0\r\nX-T: 1\r\n\r\n")
    write("http10", "GET /health HTTP/1.0\n\n")
    write("bare-lf", "GET /v1/models HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\r\n")
    write("preflight", "OPTIONS /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:5173\r\n"
                       "Access-Control-Request-Method: POST\r\n\r\n")
    write("many-fields", "GET / HTTP/1.1\r\nHost: evil.example\r\n" +
          "".join("X-H%d: v\r\n" % i for i in range(99)) + "\r\n")
    write("two-lengths", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
    write("te-list", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")

    # http_response: upstream bodies and the recorded stream in every framing.
    write = writer(out, "http_response")
    for path in sorted((FIXTURES / "upstream").glob("*.json"))[:6]:
        http_responses(path.stem, path.read_bytes(), "application/json; charset=UTF-8", write)
    http_responses("stream", recorded[:2000], "text/event-stream", write)
    write("no-content", "HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n")

    # schema_sanitizer: the tool schemas.
    write = writer(out, "schema_sanitizer")
    for path in sorted((FIXTURES / "schemas").glob("*.input.json")):
        write(path.name, path.read_bytes())

    # keys_file and key_paste: the keys.json fixtures; pastes in each line form.
    keys = sorted((FIXTURES / "keys").glob("*.json"))
    for target in ("keys_file", "key_paste"):
        write = writer(out, target)
        for path in keys:
            write(path.name, path.read_bytes())
    write("lines.txt", "AIzaSyA0000000000000000000000000000000\n  'AIzaSyA0000000000000000000000000000001'\r\n\n")
    write("csv.txt", "email,api_key,project\nalice@example.com,AIzaSyA0000000000000000000000000000000,p1\n"
                     "\"bob@example.com\",\"AIzaSyA0000000000000000000000000000002\",\n")
    write("tsv.txt", "alice@example.com\tAIzaSyA0000000000000000000000000000000\tp1\t\n")
    stored = "AIza" + "SyFuzzStoredKey000000000000000000001"  # fuzz_key_paste.cpp's stored key, not a literal
    write("stored.txt", stored + "\n" + stored + "\n")

    print("seeds in", out)


if __name__ == "__main__":
    main()
