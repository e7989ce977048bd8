"""
Keeps one LibreOffice running and converts documents through it over UNO, for the Nhịp server
(kit/office.ts starts and stops it; nothing else should).

    python3 office-bridge.py SOFFICE PROFILE_URL PIPE_NAME

PROFILE_URL is a folder of the bridge's own: it is removed when the bridge stops on a closed stdin.

One JSON object per line. The first line written is {"ready": true, "pid": N} once the office answers
(N: the soffice.bin process), or {"ready": false, "error": "..."}. Then each request read from stdin,
{"id": N, "in": PATH, "out": PATH, "filter": "writer_pdf_Export"}, gets one answer on stdout,
{"id": N, "ok": true} or {"id": N, "ok": false, "error": "..."}, in order.

The office runs in this process's group, which the server ends as a whole when the bridge exits. When stdin
closes (the server stopped, or died) the bridge ends the office and exits with code 0; when the office dies,
the bridge exits with code 3 so that the server starts a new one for the next document; when the office
cannot start, it writes {"ready": false} and exits with code 2.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import uno
from com.sun.star.beans import PropertyValue

READY_TIMEOUT_S = 60


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def write(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=True) + "\n")
    sys.stdout.flush()


def office_pid(launcher_pid):
    """The soffice.bin that oosplash started (Linux: a child of any of its threads), or the launcher itself."""
    try:
        for task in os.listdir(f"/proc/{launcher_pid}/task"):
            with open(f"/proc/{launcher_pid}/task/{task}/children") as f:
                children = f.read().split()
            if children:
                return int(children[0])
    except OSError:
        pass
    return launcher_pid


def signal_ours(pid, sig):
    """Signals `pid` if it is still a process of this bridge's group (not a reused process id)."""
    try:
        if os.getpgid(pid) == os.getpgid(0):
            os.kill(pid, sig)
    except OSError:
        pass


def end_office(office, pid, code, remove=None):
    """Ends the office (soffice.bin, then the oosplash launcher), removes the folder `remove`, exits with `code`."""
    global stopping
    stopping = True
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for target in (pid, office.pid):
            signal_ours(target, sig)
        if sig == signal.SIGTERM:
            try:
                office.wait(5)
            except Exception:
                pass
    if remove:
        shutil.rmtree(remove, ignore_errors=True)
    os._exit(code)


stopping = False


def main():
    soffice, profile_url, pipe = sys.argv[1:4]
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile_url}",
            "--headless",
            "--invisible",
            "--nocrashreport",
            "--nodefault",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + READY_TIMEOUT_S
    ctx = None
    while ctx is None:
        if office.poll() is not None:
            write({"ready": False, "error": f"LibreOffice exited with code {office.returncode} while starting"})
            end_office(office, office.pid, 2)
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                write({"ready": False, "error": "LibreOffice did not answer in time"})
                end_office(office, office_pid(office.pid), 2)
            time.sleep(0.1)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

    pid = office_pid(office.pid)

    def watch():
        office.wait()
        if not stopping:
            end_office(office, pid, 3)

    threading.Thread(target=watch, daemon=True).start()
    write({"ready": True, "pid": pid})

    load_props = (
        prop("Hidden", True),
        prop("ReadOnly", True),
        # Never run a macro or follow an external link of a loaded document.
        prop("MacroExecutionMode", 0),
        prop("UpdateDocMode", 0),
    )
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        doc = None
        try:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(req["in"]), "_blank", 0, load_props)
            if doc is None:
                raise RuntimeError("LibreOffice could not open the document")
            doc.storeToURL(uno.systemPathToFileUrl(req["out"]), (prop("FilterName", req.get("filter", "writer_pdf_Export")),))
            write({"id": req["id"], "ok": True})
        except Exception as e:  # a UNO exception is not always an Exception subclass with a message
            if not answers(desktop):
                end_office(office, pid, 3)  # the office died under this document: the server tries it on a new one
            write({"id": req["id"], "ok": False, "error": f"{type(e).__name__}: {getattr(e, 'Message', '') or e}"[:500]})
        finally:
            if doc is not None:
                try:
                    doc.close(True)
                except Exception:
                    pass
    # stdin closed: ask the office to quit (it removes its pipe and temporary files), then make sure it did.
    global stopping
    stopping = True
    threading.Thread(target=lambda: quietly(desktop.terminate), daemon=True).start()
    try:
        office.wait(5)
    except subprocess.TimeoutExpired:
        pass
    # The server may be gone (killed outright): the profile folder, ours alone, goes with us.
    end_office(office, pid, 0, remove=uno.fileUrlToSystemPath(profile_url))


def answers(desktop):
    """Whether the office still answers over the bridge."""
    try:
        desktop.getFrames()
        return True
    except Exception:
        return False


def quietly(fn):
    try:
        fn()
    except Exception:  # the office going away under the call
        pass


if __name__ == "__main__":
    main()
