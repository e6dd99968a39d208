# lit configuration for weft's GoogleTest unit tests (bin/weft_unittests).
# Run: /usr/bin/python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/tests/unit
import os
import lit.formats

config.name = "weft-unit"
config.test_format = lit.formats.GoogleTest(".", "weft_unittests")
config.test_source_root = config.weft_unittests_dir
config.test_exec_root = config.weft_unittests_dir
# One lit test per gtest (not per shard), so a failure names its test.
lit_config.gtest_sharding = False
for var in ("TMPDIR", "NO_COLOR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
for var in ("WEFT_TRACE", "WEFT_REPORT", "WEFT_EXITCODE"):
    config.environment.pop(var, None)
