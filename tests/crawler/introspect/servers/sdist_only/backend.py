"""An in-tree PEP 517 backend for a sample that ships only an sdist. Its build code reports where it ran (uid,
network, whether it could write outside its venv) into the module it builds, so the test sees the build's sandbox."""

import base64
import hashlib
import os
import socket
import zipfile

NAME, VERSION = "sample_sdist_server", "1.0.0"


def _probe():
    try:
        socket.create_connection(("1.1.1.1", 53), timeout=2)
        network = "network: reached"
    except OSError:
        network = "network: none"
    try:
        with open("/tmp/../root/sdist-build-was-here", "w") as handle:
            handle.write("x")
        wrote = "outside: written"
    except OSError:
        wrote = "outside: refused"
    return f"uid: {os.getuid()}; {network}; {wrote}"


def _record(files):
    lines = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{path},sha256={digest},{len(data)}")
    return "\n".join(lines + [f"{NAME}-{VERSION}.dist-info/RECORD,,"]) + "\n"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    info = f"{NAME}-{VERSION}.dist-info"
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "server_code.py")) as handle:
        server = handle.read()
    files = {
        f"{NAME}/__init__.py": server.replace("BUILT_AS = None", f"BUILT_AS = {_probe()!r}").encode(),
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: sample-sdist-server\nVersion: {VERSION}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/entry_points.txt": f"[console_scripts]\nsample-sdist-server = {NAME}:main\n".encode(),
    }
    name = f"{NAME}-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w") as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)
        wheel.writestr(f"{info}/RECORD", _record(files))
    return name


def build_sdist(sdist_directory, config_settings=None):
    raise NotImplementedError
