using System.Text;

namespace RecSharp.Data.Reading;

/// <summary>
/// Decodes a data file as UTF-8, or as the UTF-16/UTF-32 its byte-order mark names, and stops at the first byte
/// sequence that is not valid in that encoding with a <see cref="DataFormatException"/> naming the line. A
/// <see cref="StreamReader"/> would replace such bytes with U+FFFD, so Latin-1 values like <c>Zürich</c> and
/// <c>Zärich</c> would silently become the same category.
/// </summary>
internal sealed class StrictTextReader : TextReader
{
    private const int BlockBytes = 1 << 16;

    private static readonly Encoding Utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    // Encodings that throw on invalid input (the second argument: they emit no byte-order mark of their own).
    // Longest marks first: the UTF-32 little-endian mark starts with the UTF-16 one.
    private static readonly (byte[] Mark, Encoding Encoding)[] ByteOrderMarks =
    [
        ([0xFF, 0xFE, 0x00, 0x00], new UTF32Encoding(bigEndian: false, false, throwOnInvalidCharacters: true)),
        ([0x00, 0x00, 0xFE, 0xFF], new UTF32Encoding(bigEndian: true, false, throwOnInvalidCharacters: true)),
        ([0xEF, 0xBB, 0xBF], Utf8),
        ([0xFF, 0xFE], new UnicodeEncoding(bigEndian: false, false, throwOnInvalidBytes: true)),
        ([0xFE, 0xFF], new UnicodeEncoding(bigEndian: true, false, throwOnInvalidBytes: true)),
    ];

    private readonly Stream stream;
    private readonly string path;
    private readonly byte[] bytes = new byte[BlockBytes];
    private Encoding encoding = Utf8;
    private Decoder? decoder;
    private char[] chars = [];
    private int charStart;
    private int charEnd;
    private int byteStart;
    private int byteEnd;
    private long line = 1;
    private bool endOfBytes;

    /// <summary>Reads text from a stream; disposing the reader disposes the stream.</summary>
    /// <param name="stream">The bytes (already decompressed).</param>
    /// <param name="path">The file's name for error messages.</param>
    public StrictTextReader(Stream stream, string path)
    {
        this.stream = stream;
        this.path = path;
    }

    public override int Peek() => charStart < charEnd || Fill() ? chars[charStart] : -1;

    public override int Read() => charStart < charEnd || Fill() ? chars[charStart++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (charStart == charEnd && !Fill()))
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, charEnd - charStart);
        chars.AsSpan(charStart, count).CopyTo(buffer);
        charStart += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stream.Dispose();
        }

        base.Dispose(disposing);
    }

    // Decodes the next block of bytes; false at the end of the text.
    private bool Fill()
    {
        if (decoder is null)
        {
            Start();
        }

        while (true)
        {
            if (byteStart == byteEnd && !endOfBytes)
            {
                byteStart = 0;
                byteEnd = stream.ReadAtLeast(bytes, 1, throwOnEndOfStream: false);
                endOfBytes = byteEnd == 0;
            }

            charStart = 0;
            charEnd = Decode(bytes.AsSpan(byteStart, byteEnd - byteStart), flush: endOfBytes);
            byteStart = byteEnd;
            line += chars.AsSpan(0, charEnd).Count('\n');
            if (charEnd > 0 || endOfBytes)
            {
                return charEnd > 0;
            }
        }
    }

    private int Decode(ReadOnlySpan<byte> block, bool flush)
    {
        try
        {
            return decoder!.GetChars(block, chars, flush);
        }
        catch (DecoderFallbackException e)
        {
            var offset = Math.Clamp(e.Index, 0, block.Length);
            var lineOfError = line + Lenient().GetString(block[..offset]).AsSpan().Count('\n');
            var shown = e.BytesUnknown is { Length: > 0 } unknown ? $" (bytes 0x{Convert.ToHexString(unknown)})" : "";
            throw new DataFormatException(path, (int)Math.Min(lineOfError, int.MaxValue), null, null,
                $"the text is not valid {encoding.WebName.ToUpperInvariant()}{shown}; save the file as UTF-8, "
                + "e.g. with iconv -f latin1 -t utf-8");
        }
    }

    // Reads the byte-order mark, if any, and picks the decoder.
    private void Start()
    {
        byteEnd = stream.ReadAtLeast(bytes, 4, throwOnEndOfStream: false);
        endOfBytes = byteEnd == 0;
        foreach (var (mark, markEncoding) in ByteOrderMarks)
        {
            if (bytes.AsSpan(0, byteEnd).StartsWith(mark))
            {
                encoding = markEncoding;
                byteStart = mark.Length;
                break;
            }
        }

        decoder = encoding.GetDecoder();
        chars = new char[encoding.GetMaxCharCount(BlockBytes)];
    }

    private Encoding Lenient() => Encoding.GetEncoding(
        encoding.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
}
