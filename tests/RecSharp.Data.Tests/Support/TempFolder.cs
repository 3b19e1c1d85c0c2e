using System.IO.Compression;
using System.Text;

namespace RecSharp.Data.Tests.Support;

/// <summary>A temporary folder deleted on dispose, with helpers to write text and gzip files.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(),
            "recsharp-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public string WriteGzip(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        using var stream = new GZipStream(File.Create(file), CompressionLevel.Fastest);
        stream.Write(Encoding.UTF8.GetBytes(content));
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
