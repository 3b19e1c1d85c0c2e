using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace RecSharp.Data.Reading;

/// <summary>
/// Decompresses a gzip file (RFC 1952) member by member and checks every member against its trailer: the CRC-32 and
/// the length of the decompressed bytes. <see cref="GZipStream"/> ends quietly when the data stops early, so a file cut
/// off in the middle would read as a shorter file; here a missing or mismatched trailer, undecodable data, or bytes
/// after the last member that are neither a new member nor zero padding raise <see cref="DataFormatException"/>.
/// </summary>
internal sealed class CheckedGzipStream : Stream
{
    private const int TrailerLength = 8;
    private const int SearchBlock = 1 << 16;
    private const byte FlagHeaderCrc = 0x02;
    private const byte FlagExtra = 0x04;
    private const byte FlagName = 0x08;
    private const byte FlagComment = 0x10;
    private const byte ReservedFlags = 0xE0;
    private const string TruncatedHeader = "the gzip file is truncated: it ends inside a gzip header";

    private readonly Stream file;
    private readonly string path;
    private readonly Crc32 crc = new();
    private DeflateStream? body;
    private long bodyStart;
    private long memberLength;
    private int members;
    private bool finished;

    /// <summary>Reads the gzip data of a seekable file from its position; disposing this disposes the file.</summary>
    /// <param name="file">The file, seekable.</param>
    /// <param name="path">The file's name for error messages.</param>
    public CheckedGzipStream(Stream file, string path)
    {
        this.file = file;
        this.path = path;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!finished && buffer.Length > 0)
        {
            if (body is null && !StartMember())
            {
                finished = true;
                break;
            }

            var read = ReadBody(buffer);
            if (read > 0)
            {
                crc.Append(buffer[..read]);
                memberLength += read;
                return read;
            }

            EndMember();
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body?.Dispose();
            file.Dispose();
        }

        base.Dispose(disposing);
    }

    private int ReadBody(Span<byte> buffer)
    {
        try
        {
            return body!.Read(buffer);
        }
        catch (InvalidDataException)
        {
            throw Problem($"the gzip file is corrupt: its compressed data cannot be decoded{MemberNote}");
        }
    }

    // Reads a member header; false at the end of the data after at least one member (zero padding is allowed there).
    private bool StartMember()
    {
        var start = file.Position;
        var first = file.ReadByte();
        if (members > 0 && (first < 0 || (first == 0 && OnlyZerosFollow())))
        {
            return false;
        }

        if (members > 0 && first != 0x1f)
        {
            throw Problem(
                $"the gzip file is corrupt: the bytes after member {members} (at byte {start}) are not a gzip header");
        }

        Span<byte> fixedPart = stackalloc byte[10];
        fixedPart[0] = (byte)Math.Max(first, 0);
        if (first < 0 || file.ReadAtLeast(fixedPart[1..], 9, throwOnEndOfStream: false) < 9)
        {
            throw Problem(TruncatedHeader);
        }

        if (fixedPart[0] != 0x1f || fixedPart[1] != 0x8b || fixedPart[2] != 8 || (fixedPart[3] & ReservedFlags) != 0)
        {
            throw Problem(members == 0
                ? "the file is not gzip data: its first bytes are not a gzip header"
                : $"the gzip file is corrupt: member {members + 1} (at byte {start}) has an invalid gzip header");
        }

        SkipOptionalFields(fixedPart[3]);
        bodyStart = file.Position;
        body = new DeflateStream(file, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    private void SkipOptionalFields(byte flags)
    {
        if ((flags & FlagExtra) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            ReadHeaderBytes(length);
            Skip(BinaryPrimitives.ReadUInt16LittleEndian(length));
        }

        if ((flags & FlagName) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & FlagComment) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            Skip(2);
        }
    }

    private void ReadHeaderBytes(Span<byte> bytes)
    {
        if (file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
        {
            throw Problem(TruncatedHeader);
        }
    }

    private void Skip(int count) => ReadHeaderBytes(new byte[count]);

    private void SkipZeroTerminated()
    {
        int value;
        while ((value = file.ReadByte()) > 0)
        {
        }

        if (value < 0)
        {
            throw Problem(TruncatedHeader);
        }
    }

    // The deflate data ended (or the file did): the trailer must follow, CRC-32 then length modulo 2^32, both
    // little-endian. DeflateStream reads ahead, so the trailer lies somewhere in the bytes it took last.
    private void EndMember()
    {
        Span<byte> trailer = stackalloc byte[TrailerLength];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)memberLength);

        var readUpTo = file.Position;
        var nearStart = Math.Max(bodyStart, readUpTo - SearchBlock);
        var found = Find(trailer, nearStart, Math.Min(readUpTo + TrailerLength, file.Length));
        if (found < 0 && nearStart > bodyStart)
        {
            found = Find(trailer, bodyStart, nearStart + TrailerLength - 1);
        }

        if (found < 0)
        {
            throw Problem("the gzip file is truncated or corrupt: its compressed data does not end with a gzip trailer "
                + $"matching the decompressed bytes (CRC-32 and length){MemberNote}");
        }

        body!.Dispose();
        body = null;
        file.Position = found + TrailerLength;
        crc.Reset();
        memberLength = 0;
        members++;
    }

    // The first position of the trailer's bytes in [from, to) of the file, or -1.
    private long Find(ReadOnlySpan<byte> trailer, long from, long to)
    {
        var block = new byte[SearchBlock + TrailerLength];
        for (var start = from; start + TrailerLength <= to; start += SearchBlock)
        {
            file.Position = start;
            var length = (int)Math.Min(block.Length, to - start);
            var read = file.ReadAtLeast(block.AsSpan(0, length), length, throwOnEndOfStream: false);
            var index = block.AsSpan(0, read).IndexOf(trailer);
            if (index >= 0)
            {
                return start + index;
            }
        }

        return -1;
    }

    private bool OnlyZerosFollow()
    {
        var block = new byte[SearchBlock];
        int read;
        while ((read = file.Read(block)) > 0)
        {
            if (block.AsSpan(0, read).ContainsAnyExcept((byte)0))
            {
                return false;
            }
        }

        return true;
    }

    private string MemberNote => members == 0 ? "" : $" in gzip member {members + 1}";

    private DataFormatException Problem(string problem) => new(path, null, null, null, problem);
}
