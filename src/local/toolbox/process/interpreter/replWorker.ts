// The Python side of an interpreter context: a stateful REPL speaking the daemon's line protocol
// (daytonaio/daytona v0.190.0 apps/daemon/pkg/toolbox/process/interpreter/repl_client.go). One JSON command
// per stdin line ({code, envs, timeout}); JSON chunks on stdout: {type: stdout|stderr, text},
// {type: error, name, value, traceback}, then {type: control, text: completed|interrupted}. Written here, not
// copied: globals persist across runs, envs apply for one run, a timeout raises KeyboardInterrupt inside the code
// (the daemon sends SIGINT; here the worker sits behind nsenter and bwrap, so it times itself).
// Run as `python3 -u -c <this>`; user code gets an empty stdin so `input()` cannot eat the protocol.
export const PYTHON_REPL_WORKER = String.raw`
import io, json, linecache, os, signal, sys, traceback

_proto_in, _proto_out = sys.stdin, sys.stdout
sys.stdin = open(os.devnull)
_name = "<stdin>"

def _emit(chunk):
    _proto_out.write(json.dumps(chunk) + "\n")
    _proto_out.flush()

class _Stream(io.TextIOBase):
    def __init__(self, kind):
        self.kind, self.parts, self.size = kind, [], 0
    def writable(self):
        return True
    def isatty(self):
        return False
    @property
    def encoding(self):
        return "utf-8"
    def write(self, data):
        data = data if isinstance(data, str) else str(data)
        if data:
            self.parts.append(data)
            self.size += len(data)
            if "\n" in data or self.size >= 1024:
                self.flush()
        return len(data)
    def flush(self):
        if self.parts:
            text, self.parts, self.size = "".join(self.parts), [], 0
            _emit({"type": self.kind, "text": text})

def _on_alarm(_signum, _frame):
    raise KeyboardInterrupt("timeout")

signal.signal(signal.SIGALRM, _on_alarm)
_globals = {"__name__": "__main__", "__doc__": None, "__package__": None, "__builtins__": __builtins__}

def _traceback(err):
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename == _name]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    for f in frames:
        lines.append('  File "%s", line %s\n' % (_name, f.lineno))
        if f.line:
            lines.append("    %s\n" % f.line)
    lines.append("%s: %s\n" % (type(err).__name__, err))
    return "".join(lines)

def _run(code, envs, timeout):
    out, err = _Stream("stdout"), _Stream("stderr")
    saved = {}
    for key, value in (envs or {}).items():
        saved[key] = os.environ.get(key)
        os.environ[key] = str(value)
    control, error = "completed", None
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        if timeout and timeout > 0:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        linecache.cache[_name] = (len(code), None, code.splitlines(True), _name)
        exec(compile(code, _name, "exec"), _globals)
    except KeyboardInterrupt:
        control = "interrupted"
    except SystemExit:
        pass
    except BaseException as e:
        error = {"type": "error", "name": type(e).__name__, "value": str(e), "traceback": _traceback(e)}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdout, sys.stderr = real_out, real_err
        out.flush()
        err.flush()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if error:
        _emit(error)
    _emit({"type": "control", "text": control})

while True:
    try:
        line = _proto_in.readline()
        if not line:
            break
        if not line.strip():
            continue
        msg = json.loads(line)
        _run(msg.get("code", ""), msg.get("envs"), msg.get("timeout"))
    except KeyboardInterrupt:
        _emit({"type": "control", "text": "interrupted"})
    except Exception as e:
        _emit({"type": "error", "name": type(e).__name__, "value": str(e), "traceback": ""})
        _emit({"type": "control", "text": "completed"})
`;
