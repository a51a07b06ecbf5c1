//===- CacheTest.cpp - The persistent kernel cache ------------------------===//

#include "Stencil/Cache/CacheEntry.h"
#include "Stencil/Cache/KernelCache.h"
#include "Stencil/Cache/Signature.h"

#include "Stencil/Cache/RequestIndex.h"
#include "Stencil/Compiler/BackendOptions.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Host.h"
#include "gtest/gtest.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace mlir::ps;
using namespace mlir::ps::cache;
using namespace mlir::ps::runtime;

namespace {

const char *kScale = R"mlir(
// A comment that the signature ignores.
ps.kernel @scale(%f: !ps.field<?xf64> {ps.name = "f"}, %w: f64 {ps.name = "w"}) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %r = ps.mul %v, %w : f64
    ps.store %r, %f[0] : !ps.field<?xf64>
  }
}
)mlir";

/// The same kernel, other SSA names and layout of the text.
const char *kScaleRenamed = R"mlir(
ps.kernel @scale(%field: !ps.field<?xf64> {ps.name = "f"}, %weight: f64 {ps.name = "w"}) {
  ps.iterate (%i) in %field ghost 0 : !ps.field<?xf64> {
    %a = ps.load %field[0] : !ps.field<?xf64>
    %b = ps.mul %a, %weight : f64
    ps.store %b, %field[0] : !ps.field<?xf64>
  }
  ps.return
}
)mlir";

class CacheTest : public ::testing::Test {
public:
  void SetUp() override {
    llvm::SmallString<128> path;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("ps-cache-test", path));
    dir = path.str().str();
  }
  void TearDown() override { removeTree(dir); }

  /// Runs `scale` with w = 2 on 5 values and checks them.
  void expectScaleWorks(const KernelModule &module) {
    const Kernel *kernel = module.lookup("scale");
    ASSERT_TRUE(kernel);
    std::vector<double> data = {1, -2, 3.5, 0.25, 8};
    llvm::Error error = (*kernel)(
        ArgumentList()
            .field("f", BufferView{data.data(), ScalarType::f64, {5}, {1}})
            .scalar("w", 2.0));
    ASSERT_FALSE(bool(error)) << llvm::toString(std::move(error));
    EXPECT_EQ(data, (std::vector<double>{2, -4, 7, 0.5, 16}));
  }

  std::shared_ptr<KernelModule> get(KernelCache &cache, const char *source,
                                    Outcome expected) {
    Outcome outcome;
    auto module = cache.get(source, {}, &outcome);
    if (!module) {
      ADD_FAILURE() << llvm::toString(module.takeError());
      return nullptr;
    }
    EXPECT_EQ(toString(outcome), std::string(toString(expected)));
    return *module;
  }

  std::string entryFile(llvm::StringRef name) {
    KernelCache cache(CacheConfig::inDirectory(dir));
    auto signature = cache.getSignature(kScale);
    EXPECT_TRUE(bool(signature));
    llvm::SmallString<128> path(getEntryDir(dir, *signature));
    llvm::sys::path::append(path, name);
    return path.str().str();
  }

  std::string dir;
};

TEST(Signature, EveryInputChangesIt) {
  SignatureInputs base{"ir", "pipeline", "target", "1.0", "22.1.8", "build"};
  std::string signature = computeSignature(base);
  EXPECT_EQ(signature.size(), 64u);
  for (int field = 0; field < 6; ++field) {
    SignatureInputs changed = base;
    std::string *fields[] = {&changed.canonicalIR, &changed.pipeline,
                             &changed.target,      &changed.projectVersion,
                             &changed.llvmVersion, &changed.buildId};
    *fields[field] += "x";
    EXPECT_NE(computeSignature(changed), signature) << "field " << field;
  }
  // Moving a character from one field to the next changes it too.
  EXPECT_NE(
      computeSignature({"irp", "ipeline", "target", "1.0", "22.1.8", "build"}),
      signature);
}

TEST(Signature, BuildIdIsAHashOfTheSources) {
  llvm::StringRef id = getBuildId();
  EXPECT_EQ(id.size(), 64u) << id.str();
  EXPECT_TRUE(llvm::all_of(id, llvm::isHexDigit)) << id.str();
}

TEST(Signature, RequestKeyCoversEveryInput) {
  RequestInputs base{"source", "options", "target", ""};
  std::string key = computeRequestKey(base);
  for (int field = 0; field < 4; ++field) {
    RequestInputs changed = base;
    std::string *fields[] = {&changed.source, &changed.options, &changed.target,
                             &changed.backendOptions};
    *fields[field] += "x";
    EXPECT_NE(computeRequestKey(changed), key) << "field " << field;
  }
}

TEST_F(CacheTest, SignatureIgnoresCommentsAndNames) {
  KernelCache cache(CacheConfig::inDirectory(dir));
  auto a = cache.getSignature(kScale);
  auto b = cache.getSignature(kScaleRenamed);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  std::string changed = kScale;
  changed.replace(changed.find("ps.mul"), 6, "ps.add");
  auto e = cache.getSignature(changed);
  ASSERT_TRUE(bool(e));
  EXPECT_NE(*a, *e);
}

// The signature covers the pipeline the options build, so every option
// changes it. The table must name every option of CompileOptions: a new
// option without a row here fails the test.
TEST_F(CacheTest, SignatureChangesWithEveryOption) {
  struct Row {
    const char *option, *base, *changed;
  };
  const Row rows[] = {
      {"triple", "", "triple=x86_64-unknown-linux-gnu cpu=x86-64"},
      {"cpu", "", "cpu=x86-64"},
      {"features", "", "features=+sse4.2"},
      {"threads", "", "threads=2"},
      {"schedule", "threads=2", "threads=2 schedule=dynamic"},
      {"chunk", "threads=2", "threads=2 chunk=4"},
      {"parallel-dim", "threads=2", "threads=2 parallel-dim=1"},
      {"block-rows", "", "block-rows=16"},
      {"vectorize", "", "vectorize=sse4.2"},
      {"lanes", "vectorize=sse4.2", "vectorize=sse4.2 lanes=4"},
      {"remainder", "vectorize=sse4.2", "vectorize=sse4.2 remainder=scalar"},
      {"aligned", "vectorize=sse4.2", "vectorize=sse4.2 aligned=true"},
      {"nontemporal", "vectorize=sse4.2", "vectorize=sse4.2 nontemporal=true"},
      {"unroll", "vectorize=sse4.2", "vectorize=sse4.2 unroll=3"},
      {"reuse", "vectorize=sse4.2", "vectorize=sse4.2 reuse=true"},
      {"align-rows", "vectorize=sse4.2", "vectorize=sse4.2 align-rows=false"},
      {"jam", "vectorize=sse4.2", "vectorize=sse4.2 jam=2"},
      {"jam-planes", "vectorize=sse4.2", "vectorize=sse4.2 jam-planes=2"},
      {"prefetch", "vectorize=sse4.2", "vectorize=sse4.2 prefetch=2048"},
      {"vector-math", "vectorize=sse4.2",
       "vectorize=sse4.2 vector-math=libmvec"},
      {"gather", "vectorize=sse4.2", "vectorize=sse4.2 gather=always"},
      {"streaming-above", "vectorize=sse4.2",
       "vectorize=sse4.2 streaming-above=64"},
      {"optimize", "", "optimize=false"},
      {"contract", "", "contract=true"},
      {"opt-level", "", "opt-level=2"},
  };
  std::set<std::string> covered;
  for (const Row &row : rows)
    covered.insert(row.option);
  // Every option the pipeline declares, from its printed defaults.
  std::string defaults = CacheOptions().str();
  llvm::SmallVector<llvm::StringRef> pairs;
  llvm::StringRef(defaults).trim("{} ").split(pairs, ' ', -1, false);
  ASSERT_FALSE(pairs.empty()) << defaults;
  for (llvm::StringRef pair : pairs)
    EXPECT_TRUE(covered.count(pair.split('=').first.str()))
        << "no row for option '" << pair.split('=').first.str() << "'";

  KernelCache cache(CacheConfig::inDirectory(dir));
  for (const Row &row : rows) {
    CacheOptions base, changed;
    ASSERT_TRUE(succeeded(base.parseFromString(row.base))) << row.base;
    ASSERT_TRUE(succeeded(changed.parseFromString(row.changed))) << row.changed;
    auto before = cache.getSignature(kScale, base);
    auto after = cache.getSignature(kScale, changed);
    ASSERT_TRUE(before && after) << row.option;
    EXPECT_NE(*before, *after) << row.option;
  }
}

TEST_F(CacheTest, DiskHitCompilesNothingAndMemoryHitIsShared) {
  {
    KernelCache first(CacheConfig::inDirectory(dir));
    auto module = get(first, kScale, Outcome::Compiled);
    ASSERT_TRUE(module);
    expectScaleWorks(*module);
  }
  KernelCache second(CacheConfig::inDirectory(dir));
  auto fromDisk = get(second, kScaleRenamed, Outcome::DiskHit);
  ASSERT_TRUE(fromDisk);
  expectScaleWorks(*fromDisk);
  auto fromMemory = get(second, kScaleRenamed, Outcome::MemoryHit);
  EXPECT_EQ(fromMemory.get(), fromDisk.get());
  llvm::Expected<EntryMetadata> meta =
      verifyEntry(getEntryDir(dir, *second.getSignature(kScale)));
  ASSERT_TRUE(bool(meta)) << llvm::toString(meta.takeError());
  ASSERT_EQ(meta->kernels.size(), 1u);
  EXPECT_EQ(meta->kernels[0].parameters[0].name, "f");
}

TEST_F(CacheTest, StoredIRIsCompressedAndReadable) {
  {
    KernelCache cache(CacheConfig::inDirectory(dir));
    ASSERT_TRUE(get(cache, kScale, Outcome::Compiled));
  }
  std::string entry = llvm::sys::path::parent_path(entryFile("x")).str();
  auto meta = readMetadata(entry);
  ASSERT_TRUE(bool(meta));
  EXPECT_EQ(meta->ir, IRStorage::Compressed);
  auto ir = readStoredIR(entry, *meta);
  ASSERT_TRUE(bool(ir));
  EXPECT_EQ(*ir, kScale);
}

TEST_F(CacheTest, NoIRKeptWhenAskedNot) {
  CacheConfig config = CacheConfig::inDirectory(dir);
  config.ir = IRStorage::None;
  KernelCache cache(config);
  ASSERT_TRUE(get(cache, kScale, Outcome::Compiled));
  EXPECT_FALSE(llvm::sys::fs::exists(entryFile("input.mlir.zlib")));
  EXPECT_FALSE(llvm::sys::fs::exists(entryFile("input.mlir")));
}

/// Damages a file of the entry, then expects a rebuild with a warning and
/// the damaged entry moved aside.
void damageAndExpectRebuild(
    CacheTest &test, const std::string &dir, const std::string &file,
    const std::function<void(const std::string &)> &damage) {
  {
    KernelCache cache(CacheConfig::inDirectory(dir));
    ASSERT_TRUE(test.get(cache, kScale, Outcome::Compiled));
  }
  damage(file);
  KernelCache cache(CacheConfig::inDirectory(dir));
  auto module = test.get(cache, kScale, Outcome::Compiled);
  ASSERT_TRUE(module);
  test.expectScaleWorks(*module);
  ASSERT_EQ(cache.getWarnings().size(), 1u);
  EXPECT_NE(cache.getWarnings()[0].find("moved aside and rebuilt"),
            std::string::npos)
      << cache.getWarnings()[0];
  llvm::SmallString<128> corrupt(dir);
  llvm::sys::path::append(corrupt, "corrupt");
  std::error_code ec;
  EXPECT_NE(llvm::sys::fs::directory_iterator(corrupt, ec),
            llvm::sys::fs::directory_iterator());
  // The rebuilt entry verifies.
  auto signature = cache.getSignature(kScale);
  EXPECT_TRUE(bool(verifyEntry(getEntryDir(dir, *signature))));
}

TEST_F(CacheTest, CorruptLibraryIsDetectedAndRebuilt) {
  damageAndExpectRebuild(
      *this, dir, entryFile("kernels.so"), [](const std::string &path) {
        std::fstream file(path,
                          std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(100);
        file.put('\x5a');
      });
}

TEST_F(CacheTest, TruncatedLibraryIsDetectedAndRebuilt) {
  damageAndExpectRebuild(*this, dir, entryFile("kernels.so"),
                         [](const std::string &path) {
                           ASSERT_EQ(truncate(path.c_str(), 64), 0);
                         });
}

TEST_F(CacheTest, TruncatedMetadataIsDetectedAndRebuilt) {
  damageAndExpectRebuild(*this, dir, entryFile("meta.json"),
                         [](const std::string &path) {
                           ASSERT_EQ(truncate(path.c_str(), 40), 0);
                         });
}

TEST_F(CacheTest, UnwritableFolderFallsBackToMemory) {
  // Nobody, root included, can create folders in /proc.
  KernelCache cache(CacheConfig::inDirectory("/proc/self/ps-cache"));
  auto module = get(cache, kScale, Outcome::CompiledInMemory);
  ASSERT_TRUE(module);
  expectScaleWorks(*module);
  ASSERT_EQ(cache.getWarnings().size(), 1u);
  EXPECT_NE(cache.getWarnings()[0].find("is not writable"), std::string::npos);
}

TEST_F(CacheTest, DiskSwitchedOff) {
  CacheConfig config = CacheConfig::inDirectory(dir);
  config.diskEnabled = false;
  KernelCache cache(config);
  ASSERT_TRUE(get(cache, kScale, Outcome::CompiledInMemory));
  EXPECT_FALSE(llvm::sys::fs::exists(getEntriesDir(dir)));
  get(cache, kScale, Outcome::MemoryHit);
}

TEST_F(CacheTest, FailedBuildKeepsItsLog) {
  KernelCache cache(CacheConfig::inDirectory(dir));
  auto module = cache.get(R"mlir(
ps.kernel @bad(%u: !ps.field<?xf64>) {
  ps.iterate (%x) in %u ghost 1 : !ps.field<?xf64> {
    %v = ps.load %u[1] : !ps.field<?xf64>
    ps.store %v, %u[0] : !ps.field<?xf64>
  }
}
)mlir");
  ASSERT_FALSE(bool(module));
  EXPECT_NE(llvm::toString(module.takeError()).find("loop-carried"),
            std::string::npos);
  llvm::SmallString<128> failures(dir);
  llvm::sys::path::append(failures, "failures");
  std::error_code ec;
  llvm::sys::fs::directory_iterator it(failures, ec);
  ASSERT_FALSE(ec);
  ASSERT_NE(it, llvm::sys::fs::directory_iterator());
  std::ifstream log(it->path() + "/build.log");
  std::string text((std::istreambuf_iterator<char>(log)), {});
  EXPECT_NE(text.find("loop-carried dependence"), std::string::npos) << text;
}

TEST_F(CacheTest, ConfigurationFromEnvironmentAndFile) {
  std::string file = dir + "/cache.conf";
  std::ofstream(file) << "# test\ncache_dir = /tmp/from-file\ndisk = off\n"
                         "ir = plain\n";
  setenv("PS_CONFIG", file.c_str(), 1);
  unsetenv("PS_CACHE_DIR");
  unsetenv("PS_CACHE_DISABLE");
  auto config = CacheConfig::load();
  ASSERT_TRUE(bool(config)) << llvm::toString(config.takeError());
  EXPECT_EQ(config->directory, "/tmp/from-file");
  EXPECT_EQ(config->directorySource, file);
  EXPECT_FALSE(config->diskEnabled);
  EXPECT_EQ(config->ir, IRStorage::Plain);

  setenv("PS_CACHE_DIR", "/tmp/from-env", 1);
  config = CacheConfig::load();
  ASSERT_TRUE(bool(config));
  EXPECT_EQ(config->directory, "/tmp/from-env");

  std::ofstream(file) << "disk = maybe\n";
  config = CacheConfig::load();
  ASSERT_FALSE(bool(config));
  EXPECT_NE(llvm::toString(config.takeError()).find("disk is on or off"),
            std::string::npos);
  unsetenv("PS_CONFIG");
  unsetenv("PS_CACHE_DIR");
}

/// `scale` with a field of 8 elements fixed by its type.
const char *kFixedScale = R"mlir(
ps.kernel @scale(%f: !ps.field<8xf64> {ps.name = "f"}, %w: f64 {ps.name = "w"}) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<8xf64> {
    %v = ps.load %f[0] : !ps.field<8xf64>
    %r = ps.mul %v, %w : f64
    ps.store %r, %f[0] : !ps.field<8xf64>
  }
}
)mlir";

/// A kernel of the same name and parameters that adds instead.
const char *kShift = R"mlir(
ps.kernel @scale(%f: !ps.field<?xf64> {ps.name = "f"}, %w: f64 {ps.name = "w"}) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %v = ps.load %f[0] : !ps.field<?xf64>
    %r = ps.add %v, %w : f64
    ps.store %r, %f[0] : !ps.field<?xf64>
  }
}
)mlir";

llvm::Error callScale(const KernelModule &module, std::vector<double> &data) {
  return (*module.lookup("scale"))(
      ArgumentList()
          .field("f",
                 BufferView{
                     data.data(), ScalarType::f64, {int64_t(data.size())}, {1}})
          .scalar("w", 2.0));
}

bool anyWarningContains(const KernelCache &cache, llvm::StringRef text) {
  return llvm::any_of(cache.getWarnings(), [&](const std::string &warning) {
    return llvm::StringRef(warning).contains(text);
  });
}

std::string readText(const std::string &path) {
  std::ifstream file(path);
  return std::string((std::istreambuf_iterator<char>(file)), {});
}

// Changing a fixed extent in meta.json (8 to 4) must not make a disk hit
// accept a 4-element buffer: the metadata fails its checksum, the entry is
// rebuilt, and the kernel's own descriptions decide.
TEST_F(CacheTest, EditedMetadataIsDetected) {
  std::string metaPath;
  {
    KernelCache cache(CacheConfig::inDirectory(dir));
    ASSERT_TRUE(get(cache, kFixedScale, Outcome::Compiled));
    metaPath =
        getEntryDir(dir, *cache.getSignature(kFixedScale)) + "/meta.json";
  }
  auto parsed = llvm::json::parse(readText(metaPath));
  ASSERT_TRUE(bool(parsed));
  llvm::json::Array *kernels = parsed->getAsObject()->getArray("kernels");
  ASSERT_TRUE(kernels);
  llvm::json::Array *params =
      (*kernels)[0].getAsObject()->getArray("parameters");
  ASSERT_TRUE(params);
  llvm::json::Object *param = (*params)[0].getAsObject();
  ASSERT_TRUE(param);
  (*param->getArray("shape"))[0] = 4;
  std::ofstream(metaPath) << llvm::formatv("{0:2}", *parsed).str();

  KernelCache cache(CacheConfig::inDirectory(dir));
  auto module = get(cache, kFixedScale, Outcome::Compiled);
  ASSERT_TRUE(module);
  EXPECT_TRUE(anyWarningContains(cache, "meta.json fails its checksum"));
  std::vector<double> four(4, 1.0), eight(8, 1.0);
  llvm::Error refused = callScale(*module, four);
  ASSERT_TRUE(bool(refused));
  EXPECT_NE(llvm::toString(std::move(refused)).find("8"), std::string::npos);
  EXPECT_EQ(four, std::vector<double>(4, 1.0));
  ASSERT_FALSE(bool(callScale(*module, eight)));
  EXPECT_EQ(eight, std::vector<double>(8, 2.0));
}

// An entry copied under another signature, with its metadata rewritten to
// match (and so a valid checksum), is recognised by the build tag of its
// library and not served.
TEST_F(CacheTest, EntryCopiedUnderAnotherSignatureIsNotServed) {
  std::string scaleDir, shiftDir, shiftSignature;
  {
    KernelCache cache(CacheConfig::inDirectory(dir));
    ASSERT_TRUE(get(cache, kScale, Outcome::Compiled));
    ASSERT_TRUE(get(cache, kShift, Outcome::Compiled));
    scaleDir = getEntryDir(dir, *cache.getSignature(kScale));
    shiftSignature = *cache.getSignature(kShift);
    shiftDir = getEntryDir(dir, shiftSignature);
  }
  removeTree(shiftDir);
  ASSERT_FALSE(llvm::sys::fs::create_directories(shiftDir));
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(scaleDir, ec), end;
       it != end && !ec; it.increment(ec))
    ASSERT_FALSE(llvm::sys::fs::copy_file(
        it->path(), shiftDir + "/" + llvm::sys::path::filename(it->path())));
  auto meta = readMetadata(shiftDir);
  ASSERT_TRUE(bool(meta)) << llvm::toString(meta.takeError());
  meta->signature = shiftSignature;
  ASSERT_FALSE(bool(writeMetadata(shiftDir, *meta)));
  ASSERT_TRUE(bool(verifyEntry(shiftDir)));

  KernelCache cache(CacheConfig::inDirectory(dir));
  auto module = get(cache, kShift, Outcome::Compiled);
  ASSERT_TRUE(module);
  EXPECT_TRUE(anyWarningContains(cache, "its library was built for signature"));
  std::vector<double> data = {1, 2};
  ASSERT_FALSE(bool(callScale(*module, data)));
  EXPECT_EQ(data, (std::vector<double>{3, 4})); // added, not scaled
}

// A disk hit looks the signature up by the request; a damaged key only
// costs a parse, and is written again.
TEST_F(CacheTest, DiskHitByRequestKey) {
  std::string signature;
  {
    KernelCache cache(CacheConfig::inDirectory(dir));
    ASSERT_TRUE(get(cache, kScale, Outcome::Compiled));
    signature = *cache.getSignature(kScale);
  }
  std::string keys = getKeysDir(dir);
  std::error_code ec;
  llvm::sys::fs::directory_iterator it(keys, ec);
  ASSERT_FALSE(ec);
  ASSERT_NE(it, llvm::sys::fs::directory_iterator());
  std::string key = llvm::sys::path::filename(it->path()).str();
  EXPECT_EQ(lookupRequest(dir, key), signature);
  std::ofstream(it->path()) << "0123 damaged";
  EXPECT_EQ(lookupRequest(dir, key), std::nullopt);
  {
    KernelCache cache(CacheConfig::inDirectory(dir));
    auto module = get(cache, kScale, Outcome::DiskHit);
    ASSERT_TRUE(module);
    expectScaleWorks(*module);
  }
  EXPECT_EQ(lookupRequest(dir, key), signature);
}

// Options are checked before any lookup: jam=0 is refused even though the
// entry of jam=1 is there.
TEST_F(CacheTest, InvalidOptionsAreRefusedWithAnEntryInPlace) {
  KernelCache cache(CacheConfig::inDirectory(dir));
  CacheOptions valid, invalid;
  ASSERT_TRUE(succeeded(valid.parseFromString("vectorize=sse4.2 jam=1")));
  ASSERT_TRUE(succeeded(invalid.parseFromString("vectorize=sse4.2 jam=0")));
  ASSERT_TRUE(bool(cache.get(kScale, valid)));
  auto refused = cache.get(kScale, invalid);
  ASSERT_FALSE(bool(refused));
  EXPECT_NE(llvm::toString(refused.takeError()).find("jam 0 is not between"),
            std::string::npos);
}

// Code for another machine is never built into, or served from, a cache
// that loads it into this process, with the disk on or off.
TEST_F(CacheTest, ForeignTripleIsRefused) {
  CacheOptions options;
  ASSERT_TRUE(succeeded(options.parseFromString("triple=aarch64-linux-gnu")));
  for (bool disk : {true, false}) {
    CacheConfig config = CacheConfig::inDirectory(dir);
    config.diskEnabled = disk;
    KernelCache cache(config);
    auto module = cache.get(kScale, options);
    ASSERT_FALSE(bool(module));
    EXPECT_NE(llvm::toString(module.takeError()).find("is not this machine's"),
              std::string::npos);
  }
}

// A CPU with features the host lacks is refused (SIGILL otherwise); the
// host's own CPU name is accepted, and its code runs.
TEST_F(CacheTest, CpuTheHostLacksIsRefused) {
  llvm::StringMap<bool> host = llvm::sys::getHostCPUFeatures();
  unsigned refused = 0;
  for (const char *cpu : {"skylake-avx512", "sapphirerapids", "graniterapids",
                          "diamondrapids", "znver5"}) {
    CacheOptions options;
    ASSERT_TRUE(succeeded(options.parseFromString(std::string("cpu=") + cpu)));
    KernelCache cache(CacheConfig::inDirectory(dir));
    auto module = cache.get(kScale, options);
    if (module) {
      expectScaleWorks(**module);
      continue;
    }
    std::string message = llvm::toString(module.takeError());
    llvm::StringRef prefix = "this machine's CPU has no ";
    size_t at = message.find(prefix.str());
    ASSERT_NE(at, std::string::npos) << message;
    llvm::StringRef feature = llvm::StringRef(message)
                                  .drop_front(at + prefix.size())
                                  .split(',')
                                  .first;
    feature = feature.split(':').first;
    EXPECT_FALSE(host.lookup(feature)) << feature.str() << ": " << message;
    ++refused;
  }
  CacheOptions own;
  ASSERT_TRUE(succeeded(
      own.parseFromString("cpu=" + llvm::sys::getHostCPUName().str())));
  KernelCache cache(CacheConfig::inDirectory(dir));
  auto module = cache.get(kScale, own);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  expectScaleWorks(**module);
  if (!refused)
    GTEST_SKIP() << "this host has every feature of the CPUs tried";
}

// Features given for the host's CPU add to those it has: the model its name
// implies may claim what a virtual machine hides (protection keys, ...).
// Names the target does not know are refused before LLVM warns about them
// and ends the process.
TEST_F(CacheTest, FeaturesAddToTheHostsAndUnknownNamesAreRefused) {
  llvm::StringMap<bool> host = llvm::sys::getHostCPUFeatures();
  const char *feature = host.lookup("avx2") ? "+avx2" : "+sse2";
  CacheOptions added;
  ASSERT_TRUE(
      succeeded(added.parseFromString(std::string("features=") + feature)));
  KernelCache cache(CacheConfig::inDirectory(dir));
  auto module = cache.get(kScale, added);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  expectScaleWorks(**module);
  for (auto [option, expected] :
       {std::pair{"cpu=znver99", "cpu 'znver99' is not a CPU of"},
        std::pair{"features=+nope",
                  "feature '+nope' is not +name or -name of a feature of"}}) {
    CacheOptions unknown;
    ASSERT_TRUE(succeeded(unknown.parseFromString(option)));
    auto refused = cache.get(kScale, unknown);
    ASSERT_FALSE(bool(refused)) << option;
    std::string message = llvm::toString(refused.takeError());
    EXPECT_NE(message.find(expected), std::string::npos) << message;
  }
}

// LLVM options given to a tool change code, so they change the signature.
TEST_F(CacheTest, BackendOptionsChangeTheSignature) {
  KernelCache cache(CacheConfig::inDirectory(dir));
  auto before = cache.getSignature(kScale);
  const char *withOption[] = {"tool", "-force-vector-width=1"};
  recordBackendOptions(2, withOption, {});
  EXPECT_EQ(getBackendOptions(), "-force-vector-width=1");
  auto after = cache.getSignature(kScale);
  const char *without[] = {"tool"};
  recordBackendOptions(1, without, {});
  ASSERT_TRUE(before && after);
  EXPECT_NE(*before, *after);
  EXPECT_EQ(*cache.getSignature(kScale), *before);
}

/// Writes building/<signature of kScale> naming process `pid` here.
void writeMarker(const std::string &dir, KernelCache &cache, long pid) {
  std::string building = dir + "/building";
  ASSERT_FALSE(llvm::sys::fs::create_directories(building));
  char host[256] = {};
  gethostname(host, sizeof(host) - 1);
  std::ofstream(building + "/" + *cache.getSignature(kScale))
      << host << " " << pid << "\n";
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// The marker of a builder that is gone is taken over at once.
TEST_F(CacheTest, MarkerOfADeadBuilderIsTakenOver) {
  KernelCache cache(CacheConfig::inDirectory(dir));
  pid_t child = fork();
  if (child == 0)
    _exit(0);
  ASSERT_GT(child, 0);
  waitpid(child, nullptr, 0);
  writeMarker(dir, cache, child);
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(get(cache, kScale, Outcome::Compiled));
  EXPECT_LT(secondsSince(start), 30.0);
  EXPECT_FALSE(
      llvm::sys::fs::exists(dir + "/building/" + *cache.getSignature(kScale)));
}

// A live builder is waited for (here it gives up after 0.3 s), and a wait
// is bounded by the configured time.
TEST_F(CacheTest, LiveBuilderIsWaitedForBoundedly) {
  CacheConfig config = CacheConfig::inDirectory(dir);
  config.waitSeconds = 1;
  KernelCache cache(config);
  writeMarker(dir, cache, getpid());
  std::string marker = dir + "/building/" + *cache.getSignature(kScale);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    llvm::sys::fs::remove(marker);
  });
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(get(cache, kScale, Outcome::Compiled));
  release.join();
  EXPECT_GE(secondsSince(start), 0.3);

  cache.clearMemory();
  removeTree(getEntriesDir(dir));
  removeTree(getKeysDir(dir));
  writeMarker(dir, cache, getpid()); // never released
  start = std::chrono::steady_clock::now();
  ASSERT_TRUE(get(cache, kScale, Outcome::Compiled));
  EXPECT_GE(secondsSince(start), 1.0);
  EXPECT_LT(secondsSince(start), 30.0);
}

// A relative folder is taken against the working folder, and stores.
TEST_F(CacheTest, RelativeFolderStores) {
  llvm::SmallString<128> previous;
  ASSERT_FALSE(llvm::sys::fs::current_path(previous));
  ASSERT_FALSE(llvm::sys::fs::set_current_path(dir));
  {
    KernelCache cache(CacheConfig::inDirectory("relcache"));
    EXPECT_TRUE(llvm::sys::path::is_absolute(cache.getConfig().directory));
    ASSERT_TRUE(get(cache, kScale, Outcome::Compiled));
    EXPECT_TRUE(cache.getWarnings().empty());
  }
  ASSERT_FALSE(llvm::sys::fs::set_current_path(previous));
  EXPECT_TRUE(llvm::sys::fs::exists(dir + "/relcache/entries"));
}

} // namespace
