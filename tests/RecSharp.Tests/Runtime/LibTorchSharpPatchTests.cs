using System.Runtime.InteropServices;
using RecSharp.Build;

namespace RecSharp.Tests.Runtime;

/// <summary>
/// The build's copy of libLibTorchSharp.so: patched where the system needs it, and otherwise byte-identical to the
/// package's.
/// </summary>
public class LibTorchSharpPatchTests
{
    private static readonly string CopyInUse = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native",
        "libLibTorchSharp.so");

    private static readonly string[] SystemLibStdCxx =
        ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6"];

    /// <summary>
    /// Whether this system's libstdc++ lacks the version TorchSharp's glue requires (the build patches it).
    /// </summary>
    public static bool SystemNeedsPatch =>
        SystemLibStdCxx.FirstOrDefault(File.Exists) is { } libstdcxx
        && !ElfVersionNeedPatcher.LibraryDefinesVersion(libstdcxx, ElfVersionNeedPatcher.MissingVersion);

    /// <summary>TorchSharp's glue library as the package ships it.</summary>
    public static string PackageOriginal()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native",
            "libLibTorchSharp.so");
    }

    [SkippableFact]
    public void TheCopyInUseDiffersFromThePackageOnlyInTheWeakFlagWhenTheSystemNeedsIt()
    {
        Skip.IfNot(RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
            && RuntimeInformation.ProcessArchitecture == Architecture.X64, "the patch applies to linux-x64 only");
        Skip.IfNot(File.Exists(PackageOriginal()), $"the package's original is not at {PackageOriginal()}");

        AssertPatchedWhereNeeded(File.ReadAllBytes(CopyInUse));
    }

    /// <summary>
    /// Asserts that <paramref name="inUse"/>, a copy of the glue library in some output, is the package's original with
    /// its GLIBCXX_3.4.32 requirement made weak when this system needs that, and the unchanged original otherwise.
    /// </summary>
    public static void AssertPatchedWhereNeeded(byte[] inUse)
    {
        byte[] original = File.ReadAllBytes(PackageOriginal());
        long flagsOffset = ElfVersionNeedPatcher.FindVersionFlagsOffset(original, ElfVersionNeedPatcher.MissingVersion);
        Assert.Equal(original.Length, inUse.Length);
        Assert.True(flagsOffset > 0, "the package's library requires GLIBCXX_3.4.32");
        Assert.Equal(0, ElfVersionNeedPatcher.ReadU16(original, flagsOffset) & ElfVersionNeedPatcher.VerFlagWeak);
        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != inUse[i]).ToArray();
        if (SystemNeedsPatch)
        {
            Assert.NotEqual(0, ElfVersionNeedPatcher.ReadU16(inUse, flagsOffset) & ElfVersionNeedPatcher.VerFlagWeak);
            Assert.All(differing, i => Assert.InRange(i, flagsOffset, flagsOffset + 1));
            Assert.NotEmpty(differing);
        }
        else
        {
            Assert.Empty(differing);
        }
    }

    [SkippableFact]
    public void ThePatcherChangesOnlyTheFlagsOfTheNamedRequirement()
    {
        Skip.IfNot(File.Exists(PackageOriginal()), $"the package's original is not at {PackageOriginal()}");
        byte[] original = File.ReadAllBytes(PackageOriginal());

        byte[] patched = ElfVersionNeedPatcher.WithWeakVersion(original, ElfVersionNeedPatcher.MissingVersion)!;

        long offset = ElfVersionNeedPatcher.FindVersionFlagsOffset(original, ElfVersionNeedPatcher.MissingVersion);
        Assert.Equal(original.Length, patched.Length);
        Assert.Equal(ElfVersionNeedPatcher.VerFlagWeak,
            ElfVersionNeedPatcher.ReadU16(patched, offset) & ElfVersionNeedPatcher.VerFlagWeak);
        Assert.Equal(1, Enumerable.Range(0, original.Length).Count(i => original[i] != patched[i]));
        Assert.Null(ElfVersionNeedPatcher.WithWeakVersion(original, "GLIBCXX_99.0"));
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.FindVersionFlagsOffset(new byte[100], "x"));
    }
}
