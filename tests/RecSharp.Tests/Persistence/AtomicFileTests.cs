using RecSharp.Persistence;

namespace RecSharp.Tests.Persistence;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("atomic-file-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WritesANewFile()
    {
        string path = Path.Combine(_folder, "new.bin");

        AtomicFile.WriteAllBytes(path, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void ReplacesAnExistingFile()
    {
        string path = Path.Combine(_folder, "existing.bin");
        File.WriteAllBytes(path, [9, 9, 9, 9, 9]);

        AtomicFile.Write(path, stream => stream.Write([4, 5]));

        Assert.Equal([4, 5], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void FailureMidWriteLeavesTheOldFileIntactAndNoTemporaryFile()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        byte[] original = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)];
        File.WriteAllBytes(path, original);

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[4096]);
            stream.Flush();
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal("disk full", error.Message);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void FailureWithoutAnOldFileLeavesNothing()
    {
        string path = Path.Combine(_folder, "never.bin");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, _ => throw new IOException("broken")));

        Assert.Empty(Directory.GetFiles(_folder));
    }
}
