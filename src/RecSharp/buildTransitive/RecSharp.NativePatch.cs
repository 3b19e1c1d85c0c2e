// Marks the GLIBCXX_3.4.32 version requirement of TorchSharp's native glue library as weak, so the library
// loads on systems whose libstdc++ predates GCC 13 (Debian 12, Ubuntu 22.04). GCC 13 emits a reference to the
// marker symbol std::ios_base_library_init() under that version; no relocation uses it, so a weak requirement
// is safe. The file is compiled by MSBuild's RoslynCodeTaskFactory (see RecSharp.targets) and by the test project.
#nullable enable
using System;
using System.IO;
using System.Text;

namespace RecSharp.Build
{
    /// <summary>Reads and patches the ELF version-requirement table (<c>.gnu.version_r</c>) of a shared
    /// object.</summary>
    public static class ElfVersionNeedPatcher
    {
        /// <summary>The version-requirement flag that makes a missing version a warning instead of an error.</summary>
        public const ushort VerFlagWeak = 0x2;

        /// <summary>The version that GCC 13's libstdc++ introduced and older systems lack.</summary>
        public const string MissingVersion = "GLIBCXX_3.4.32";

        private const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>
        /// Finds the file offset of the <c>vna_flags</c> field of the requirement named <paramref name="version"/>,
        /// or -1 when the file requires no such version. Throws <see cref="InvalidDataException"/> when the file is
        /// not a little-endian 64-bit ELF object or its tables point outside the file.
        /// </summary>
        public static long FindVersionFlagsOffset(byte[] elf, string version)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("only little-endian 64-bit ELF files are supported");

            long sectionTable = (long)ReadU64(elf, 0x28);
            int sectionSize = ReadU16(elf, 0x3a);
            int sectionCount = ReadU16(elf, 0x3c);
            for (int i = 0; i < sectionCount; i++)
            {
                long header = sectionTable + (long)i * sectionSize;
                CheckRange(elf, header, 64);
                if (ReadU32(elf, header + 4) != ShtGnuVerneed) continue;

                long verneed = (long)ReadU64(elf, header + 0x18);
                uint link = ReadU32(elf, header + 0x28);
                long strtabHeader = sectionTable + (long)link * sectionSize;
                CheckRange(elf, strtabHeader, 64);
                long strtab = (long)ReadU64(elf, strtabHeader + 0x18);
                return FindInVerneed(elf, verneed, strtab, version);
            }
            return -1;
        }

        /// <summary>
        /// Returns a copy of <paramref name="elf"/> whose requirement of <paramref name="version"/> is weak, or null
        /// when the file requires no such version. Only the two bytes of that entry's <c>vna_flags</c> can differ.
        /// </summary>
        public static byte[]? WithWeakVersion(byte[] elf, string version)
        {
            long offset = FindVersionFlagsOffset(elf, version);
            if (offset < 0) return null;
            var copy = (byte[])elf.Clone();
            ushort flags = (ushort)(ReadU16(copy, offset) | VerFlagWeak);
            copy[offset] = (byte)(flags & 0xff);
            copy[offset + 1] = (byte)(flags >> 8);
            return copy;
        }

        /// <summary>True when the shared library at <paramref name="path"/> defines the symbol version <paramref
        /// name="version"/>.</summary>
        public static bool LibraryDefinesVersion(string path, string version)
        {
            byte[] data = File.ReadAllBytes(path);
            byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
            for (int i = 0; i + needle.Length <= data.Length; i++)
            {
                int k = 0;
                while (k < needle.Length && data[i + k] == needle[k]) k++;
                if (k == needle.Length) return true;
            }
            return false;
        }

        /// <summary>Reads the little-endian 16-bit value at <paramref name="offset"/>.</summary>
        public static ushort ReadU16(byte[] b, long offset)
        {
            CheckRange(b, offset, 2);
            return (ushort)(b[offset] | b[offset + 1] << 8);
        }

        private static long FindInVerneed(byte[] elf, long verneed, long strtab, string version)
        {
            long entry = verneed;
            for (int guard = 0; guard < 4096; guard++)
            {
                CheckRange(elf, entry, 16);
                int auxCount = ReadU16(elf, entry + 2);
                long aux = entry + ReadU32(elf, entry + 8);
                for (int k = 0; k < auxCount; k++)
                {
                    CheckRange(elf, aux, 16);
                    if (ReadString(elf, strtab + ReadU32(elf, aux + 8)) == version) return aux + 4;
                    uint nextAux = ReadU32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = ReadU32(elf, entry + 12);
                if (next == 0) return -1;
                entry += next;
            }
            throw new InvalidDataException("version-requirement table does not terminate");
        }

        private static string ReadString(byte[] b, long offset)
        {
            long end = offset;
            while (end < b.Length && b[end] != 0) end++;
            CheckRange(b, offset, end - offset);
            return Encoding.ASCII.GetString(b, (int)offset, (int)(end - offset));
        }

        private static uint ReadU32(byte[] b, long offset)
        {
            CheckRange(b, offset, 4);
            return BitConverter.ToUInt32(b, (int)offset);
        }

        private static ulong ReadU64(byte[] b, long offset)
        {
            CheckRange(b, offset, 8);
            return BitConverter.ToUInt64(b, (int)offset);
        }

        private static void CheckRange(byte[] b, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > b.Length)
                throw new InvalidDataException($"ELF table entry at offset {offset} lies outside the file");
        }
    }

#if !RECSHARP_NATIVEPATCH_NO_TASK
    /// <summary>
    /// MSBuild task: when the system libstdc++ lacks <see cref="ElfVersionNeedPatcher.MissingVersion"/>, rewrites each
    /// given copy of libLibTorchSharp.so in the build output with that requirement weak. Never touches the NuGet cache
    /// (it only writes the files it is given), is idempotent, and keeps the source's timestamp so that incremental
    /// builds do not copy the original over the patched file again.
    /// </summary>
    public sealed class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
    {
        /// <summary>Copies of libLibTorchSharp.so in the output folder.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } =
            Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>Candidate paths of the system libstdc++; the first that exists is inspected.</summary>
        public string[] LibStdCxxCandidates { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Patch whatever this machine's libstdc++ has: for files that run elsewhere, such as a tool package. A weak
        /// requirement changes nothing where the version exists.
        /// </summary>
        public bool Always { get; set; }

        /// <inheritdoc />
        public override bool Execute()
        {
            string? libstdcxx = Always ? null : Array.Find(LibStdCxxCandidates, File.Exists);
            if (Always)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "RecSharp: patching for any machine.");
            }
            else if (libstdcxx == null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                "RecSharp: no system libstdc++ found; libLibTorchSharp.so left as is.");
                return true;
            }
            else if (ElfVersionNeedPatcher.LibraryDefinesVersion(libstdcxx, ElfVersionNeedPatcher.MissingVersion))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                $"RecSharp: {libstdcxx} has {ElfVersionNeedPatcher.MissingVersion}; no patch needed.");
                return true;
            }
            foreach (var item in Libraries)
            {
                string path = item.GetMetadata("FullPath");
                if (!File.Exists(path)) continue;
                try
                {
                    PatchOne(path);
                }
                catch (Exception e)
                    when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
                {
                    Log.LogError($"RecSharp: could not patch {path}: {e.Message}");
                    return false;
                }
            }
            return !Log.HasLoggedErrors;
        }

        private void PatchOne(string path)
        {
            byte[] original = File.ReadAllBytes(path);
            long offset = ElfVersionNeedPatcher.FindVersionFlagsOffset(original, ElfVersionNeedPatcher.MissingVersion);
            if (offset < 0
                || (ElfVersionNeedPatcher.ReadU16(original, offset) & ElfVersionNeedPatcher.VerFlagWeak) != 0)
                return; // nothing required, or already patched
            byte[] patched = ElfVersionNeedPatcher.WithWeakVersion(original, ElfVersionNeedPatcher.MissingVersion)!;
            DateTime stamp = File.GetLastWriteTimeUtc(path);
            string temporary = path + ".recsharp-tmp";
            File.WriteAllBytes(temporary, patched);
            File.SetLastWriteTimeUtc(temporary, stamp);
            File.Replace(temporary, path, null);
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                $"RecSharp: marked {ElfVersionNeedPatcher.MissingVersion} weak in {path}");
        }
    }
#endif
}
