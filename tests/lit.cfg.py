# lit configuration for weft. See tests/README.md for the conventions.
import os
import lit.formats

config.name = "weft"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "unit", "tools", "CMakeLists.txt", "README.md"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.weft_obj_root, "tests")

# FileCheck, not, count from LLVM 19; weft's own tools first.
path = [os.path.dirname(config.weft_bin), config.llvm_tools_dir,
        config.environment.get("PATH", os.environ.get("PATH", ""))]
config.environment["PATH"] = os.pathsep.join(path)
# Findings must not be coloured, whatever the caller's terminal.
config.environment["NO_COLOR"] = "1"
config.environment.pop("CI", None)
for var in ("WEFT_TRACE", "WEFT_REPORT", "WEFT_EXITCODE"):
    config.environment.pop(var, None)
if "TMPDIR" in os.environ:
    config.environment["TMPDIR"] = os.environ["TMPDIR"]

tools = os.path.join(config.weft_src_root, "tests", "tools")
python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
config.substitutions.append(("%weft", config.weft_bin))
config.substitutions.append(("%samples", os.path.join(config.weft_src_root, "samples")))
config.substitutions.append(("%srcroot", config.weft_src_root))
config.substitutions.append(("%python", python))
config.substitutions.append(("%check-report", "%s %s" % (python, os.path.join(tools, "check-report.py"))))
# %expect-exit N CMD...: runs CMD, passes its output through, fails unless
# it exits with N.
config.substitutions.append(("%expect-exit", "%s %s" % (python, os.path.join(tools, "expect-exit.py"))))

if config.weft_analyzer_enabled:
    config.available_features.add("analyzer")

# Browser tests of the HTML report (tests/pictures): Debian's chromium,
# which scripts/test.sh installs. %chromium runs it headless with a profile
# of its own and no network beyond the page.
import shutil
chromium = shutil.which("chromium")
if chromium:
    config.available_features.add("chromium")
    config.substitutions.append(("%chromium", "%s --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage" % chromium))
