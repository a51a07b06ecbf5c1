//===- CacheTest.cpp - The persistent kernel cache ------------------------===//

#include "Stencil/Cache/CacheEntry.h"
#include "Stencil/Cache/KernelCache.h"
#include "Stencil/Cache/Signature.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"

#include <cstdlib>
#include <fstream>
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
  void expectScaleWorks(const JitModule &module) {
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

  std::shared_ptr<JitModule> get(KernelCache &cache, const char *source,
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
  SignatureInputs base{"ir", "pipeline", "target", "1.0", "22.1.8"};
  std::string signature = computeSignature(base);
  EXPECT_EQ(signature.size(), 64u);
  for (int field = 0; field < 5; ++field) {
    SignatureInputs changed = base;
    std::string *fields[] = {&changed.canonicalIR, &changed.pipeline,
                             &changed.target, &changed.projectVersion,
                             &changed.llvmVersion};
    *fields[field] += "x";
    EXPECT_NE(computeSignature(changed), signature) << "field " << field;
  }
  // Moving a character from one field to the next changes it too.
  EXPECT_NE(computeSignature({"irp", "ipeline", "target", "1.0", "22.1.8"}),
            signature);
}

TEST_F(CacheTest, SignatureIgnoresCommentsAndNamesButNotOptions) {
  KernelCache cache(CacheConfig::inDirectory(dir));
  auto a = cache.getSignature(kScale);
  auto b = cache.getSignature(kScaleRenamed);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  CacheOptions otherTarget;
  otherTarget.target.cpu = "x86-64";
  otherTarget.target.triple = "x86_64-unknown-linux-gnu";
  auto c = cache.getSignature(kScale, otherTarget);
  CacheOptions otherLevel;
  otherLevel.optLevel = 2;
  auto d = cache.getSignature(kScale, otherLevel);
  ASSERT_TRUE(c && d);
  EXPECT_NE(*a, *c);
  EXPECT_NE(*a, *d);
  // SIMD and threads change the code, so they change the signature.
  CacheOptions simd;
  simd.vectorize.isa = "sse4.2";
  CacheOptions streaming = simd;
  streaming.vectorize.nontemporal = true;
  CacheOptions threaded;
  threaded.parallel.threads = 2;
  auto f = cache.getSignature(kScale, simd);
  auto g = cache.getSignature(kScale, streaming);
  auto h = cache.getSignature(kScale, threaded);
  ASSERT_TRUE(f && g && h);
  EXPECT_NE(*a, *f);
  EXPECT_NE(*f, *g);
  EXPECT_NE(*a, *h);
  // So do fused multiply-adds, jammed rows and blocks of rows.
  CacheOptions contracted;
  contracted.vectorize.contract = true;
  CacheOptions jammed = simd;
  jammed.vectorize.jam = 2;
  CacheOptions blocked;
  blocked.parallel.blockRows = 16;
  auto contractSignature = cache.getSignature(kScale, contracted);
  auto jamSignature = cache.getSignature(kScale, jammed);
  auto blockSignature = cache.getSignature(kScale, blocked);
  ASSERT_TRUE(contractSignature && jamSignature && blockSignature);
  EXPECT_NE(*a, *contractSignature);
  EXPECT_NE(*f, *jamSignature);
  EXPECT_NE(*a, *blockSignature);
  std::string changed = kScale;
  changed.replace(changed.find("ps.mul"), 6, "ps.add");
  auto e = cache.getSignature(changed);
  ASSERT_TRUE(bool(e));
  EXPECT_NE(*a, *e);
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

} // namespace
