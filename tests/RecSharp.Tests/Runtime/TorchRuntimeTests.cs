using RecSharp.Runtime;
using TorchSharp;

namespace RecSharp.Tests.Runtime;

public class TorchRuntimeTests
{
    [Fact]
    public void LibtorchLoadsAndComputes()
    {
        TorchRuntime.EnsureLoaded();
        using var a = torch.tensor(new float[] { 1, 2, 3 });
        using var b = a.mul(2).sum();
        Assert.Equal(12f, b.item<float>());
    }
}
