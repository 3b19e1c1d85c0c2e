using SkiaSharp;

namespace RecSharp.Cli.Tests.Support;

/// <summary>Checks of a PNG file's bytes: the signature, the size in its IHDR header, and how much is drawn on
/// it.</summary>
public static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Whether the bytes start with the PNG signature.</summary>
    public static bool HasSignature(byte[] png) => png.AsSpan().StartsWith(Signature);

    /// <summary>Width and height from the IHDR chunk, which must follow the signature.</summary>
    public static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(HasSignature(png), "not a PNG file");
        Assert.Equal(13, BigEndian(png, 8));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BigEndian(png, 16), BigEndian(png, 20));
    }

    /// <summary>The decoded image's distinct colours and the share of its pixels that are not white.</summary>
    public static (int Colours, double Drawn) Ink(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("the PNG does not decode");
        var colours = new HashSet<uint>();
        long drawn = 0;
        foreach (var pixel in bitmap.Pixels)
        {
            colours.Add((uint)pixel);
            if (pixel != SKColors.White) drawn++;
        }
        return (colours.Count, (double)drawn / bitmap.Pixels.Length);
    }

    private static int BigEndian(byte[] bytes, int offset) =>
        bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3];
}
