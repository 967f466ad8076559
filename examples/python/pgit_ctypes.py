#!/usr/bin/env python3
"""Call libpanagit from Python with ctypes, bound from what the library says
about itself (pgit_describe): no header, no generated code, standard library
only.

  python3 examples/python/pgit_ctypes.py --list
  python3 examples/python/pgit_ctypes.py --repo DIR --text 'hello from python'
  python3 examples/python/pgit_ctypes.py --repo DIR FILE...

With --repo, each object is written into DIR/.git/objects as a loose object
(temporary file, then rename) and its id printed: panagit and git read it.
The library is --library, else $PANAGIT_LIBRARY, else the one the project's
build left in native/target/.
"""
import argparse
import ctypes
import os
import platform
import sys
import tempfile

# The signature grammar of pgit_describe, mapped to ctypes types.
KINDS = {
    "void": None,
    "i32": ctypes.c_int32,
    "u32": ctypes.c_uint32,
    "i64": ctypes.c_int64,
    "u64": ctypes.c_uint64,
    "size": ctypes.c_uint64,   # pgit_size: unsigned long long, 64 bits on every target
    "ptr": ctypes.c_void_p,
    "str": ctypes.c_char_p,
}
DESCRIBE_SIGNATURE = "i32(ptr,ptr,i32)"
TYPES = {"commit": 1, "tree": 2, "blob": 3, "tag": 4}
ALGOS = {"sha1": (1, 20), "sha256": (2, 32)}


class BindingError(Exception):
    """The library does not describe itself in a way that can be bound."""


def parse_signature(signature):
    """'i32(ptr,size)' -> (restype, [argtypes]); raises BindingError if malformed."""
    if "(" not in signature or not signature.endswith(")"):
        raise BindingError("signature %r is not of the form ret(arg,...)" % signature)
    ret, args = signature[:-1].split("(", 1)
    names = [a.strip() for a in args.split(",")] if args else []
    for kind in [ret] + names:
        if kind not in KINDS:
            raise BindingError("signature %r has an unknown type %r" % (signature, kind))
    if any(KINDS[a] is None for a in names):
        raise BindingError("signature %r has a void argument" % signature)
    return KINDS[ret], [KINDS[a] for a in names]


class Panagit:
    """libpanagit, every function bound from its self-description."""

    def __init__(self, path):
        try:
            self.lib = ctypes.CDLL(path)
        except OSError as e:
            raise BindingError("cannot open %s: %s" % (path, e))
        try:
            describe = self.lib.pgit_describe
        except AttributeError:
            raise BindingError("%s does not export pgit_describe: it cannot describe itself" % path)
        describe.restype, describe.argtypes = parse_signature(DESCRIBE_SIGNATURE)
        self.signatures = {}
        index = 0
        while True:
            name, signature = ctypes.c_char_p(), ctypes.c_char_p()
            if describe(ctypes.byref(name), ctypes.byref(signature), index) != 0:
                break
            index += 1
            name, signature = name.value.decode(), signature.value.decode()
            try:
                restype, argtypes = parse_signature(signature)
            except BindingError as e:
                raise BindingError("%s describes %s badly: %s" % (path, name, e))
            try:
                function = getattr(self.lib, name)
            except AttributeError:
                raise BindingError("%s describes %s but does not export it" % (path, name))
            function.restype, function.argtypes = restype, argtypes
            self.signatures[name] = signature
            setattr(self, name, function)

    def check(self, rc, what):
        if rc != 0:
            raise RuntimeError("%s failed: %d (%s)" % (what, rc, self.pgit_strerror(rc).decode()))

    def digest(self, algo, data):
        code, size = ALGOS[algo]
        out = ctypes.create_string_buffer(size)
        self.check(self.pgit_hash(out, code, data, len(data)), "pgit_hash")
        return out.raw.hex()

    def encode(self, algo, type_name, content):
        """(id, compressed loose-object bytes) in one call."""
        code, size = ALGOS[algo]
        codec = ctypes.c_void_p()
        self.check(self.pgit_codec_new(ctypes.byref(codec), 1), "pgit_codec_new")
        try:
            cap = self.pgit_object_encode_bound(len(content))
            out = ctypes.create_string_buffer(cap)
            out_len = ctypes.c_size_t()
            object_id = ctypes.create_string_buffer(size)
            self.check(self.pgit_object_encode(object_id, out, cap, ctypes.byref(out_len), codec, code,
                                               TYPES[type_name], content, len(content)), "pgit_object_encode")
            return object_id.raw.hex(), out.raw[:out_len.value]
        finally:
            self.pgit_codec_free(codec)

    def decode(self, algo, compressed, expected_id):
        """(type code, content), checked against expected_id."""
        code, _ = ALGOS[algo]
        codec = ctypes.c_void_p()
        self.check(self.pgit_codec_new(ctypes.byref(codec), 1), "pgit_codec_new")
        try:
            type_code, size, header_len = ctypes.c_int32(), ctypes.c_uint64(), ctypes.c_int32()
            self.check(self.pgit_object_peek(ctypes.byref(type_code), ctypes.byref(size), ctypes.byref(header_len),
                                             codec, compressed, len(compressed)), "pgit_object_peek")
            out = ctypes.create_string_buffer(max(1, size.value))
            out_len = ctypes.c_size_t()
            self.check(self.pgit_object_decode(ctypes.byref(type_code), out, size.value, ctypes.byref(out_len), codec,
                                               code, bytes.fromhex(expected_id), compressed, len(compressed)),
                       "pgit_object_decode")
            return type_code.value, out.raw[:out_len.value]
        finally:
            self.pgit_codec_free(codec)


def default_library():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(platform.machine().lower(), platform.machine().lower())
    candidates = [
        os.path.join(root, "native", "target", "cmake", "libpanagit.so"),
        os.path.join(root, "native", "target", "classes", "META-INF", "native", "linux-" + machine, "libpanagit.so"),
    ]
    for candidate in candidates:
        if os.path.isfile(candidate):
            return candidate
    raise BindingError("no libpanagit found: build the project (mvn -DskipTests package) or pass --library; "
                       "looked in " + ", ".join(candidates))


def repository_format(git_dir):
    """'sha1' or 'sha256', from the repository's config."""
    try:
        with open(os.path.join(git_dir, "config"), encoding="utf-8") as f:
            for line in f:
                key, _, value = line.strip().partition("=")
                if key.strip().lower() == "objectformat":
                    return value.strip().lower()
    except FileNotFoundError:
        raise BindingError("%s is not a git repository" % os.path.dirname(git_dir))
    return "sha1"


def write_loose_object(git_dir, object_id, compressed):
    """Writes objects/xx/yyyy... the way git does: temp file, read-only, rename."""
    directory = os.path.join(git_dir, "objects", object_id[:2])
    target = os.path.join(directory, object_id[2:])
    if os.path.exists(target):
        return target
    os.makedirs(directory, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix="tmp_obj_", dir=os.path.join(git_dir, "objects"))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(compressed)
        os.chmod(temp, 0o444)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return target


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", help="path to libpanagit (default: $PANAGIT_LIBRARY or the build's)")
    parser.add_argument("--list", action="store_true", help="list the functions the library describes")
    parser.add_argument("--repo", help="write the objects into this repository")
    parser.add_argument("-t", "--type", default="blob", choices=sorted(TYPES), help="object type (default blob)")
    parser.add_argument("--text", action="append", default=[], help="an object's content, given inline")
    parser.add_argument("files", nargs="*", help="files whose contents become objects")
    args = parser.parse_args(argv)

    try:
        panagit = Panagit(args.library or os.environ.get("PANAGIT_LIBRARY") or default_library())
        if args.list:
            for name, signature in panagit.signatures.items():
                print(name, signature)
            return 0
        print("libpanagit %s, ABI %d, %d functions bound from pgit_describe" % (
            panagit.pgit_version().decode(), panagit.pgit_abi_version(), len(panagit.signatures)), file=sys.stderr)
        contents = [t.encode("utf-8") for t in args.text]
        for path in args.files:
            with open(path, "rb") as f:
                contents.append(f.read())
        git_dir = os.path.join(args.repo, ".git") if args.repo else None
        algo = repository_format(git_dir) if git_dir else "sha1"
        for content in contents:
            object_id, compressed = panagit.encode(algo, args.type, content)
            type_code, decoded = panagit.decode(algo, compressed, object_id)
            assert decoded == content and type_code == TYPES[args.type], "round trip failed"
            if git_dir:
                write_loose_object(git_dir, object_id, compressed)
            print(object_id)
        return 0
    except BindingError as e:
        print("fatal: %s" % e, file=sys.stderr)
        return 128


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
