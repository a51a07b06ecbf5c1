# -*- Python -*-
# Runs the GoogleTest unit tests under lit, so that check-ps covers them.

import os

import lit.formats

config.name = "PS-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.ps_obj_root, "unittests")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
