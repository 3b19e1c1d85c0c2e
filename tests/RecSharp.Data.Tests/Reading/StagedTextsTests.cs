using RecSharp.Data.Reading;

namespace RecSharp.Data.Tests.Reading;

public class StagedTextsTests
{
    [Fact]
    public void AValueIsFoundOnlyInTheSameMemoryOfTheSameColumn()
    {
        var staged = new StagedTexts();
        var column = new object();
        ReadOnlyMemory<char> held = "abc".ToCharArray();

        Assert.False(staged.TryGet(held, column, out _, out _));
        staged.Keep(held, "abc", 1.5);

        Assert.True(staged.TryGet(held, column, out var text, out var number));
        Assert.Equal(("abc", 1.5), (text, number));
        Assert.False(staged.TryGet("abc".ToCharArray(), column, out _, out _));
        Assert.False(staged.TryGet(held[..2], column, out _, out _));
        Assert.False(staged.TryGet("abc".AsMemory(), column, out _, out _));
    }

    [Fact]
    public void AnotherColumnForgetsWhatTheLastOneStaged()
    {
        var staged = new StagedTexts();
        var (first, second) = (new object(), new object());
        ReadOnlyMemory<char> held = "abc".ToCharArray();
        staged.TryGet(held, first, out _, out _);
        staged.Keep(held, "abc", double.NaN);

        Assert.False(staged.TryGet(held, second, out _, out _));
        Assert.False(staged.TryGet(held, first, out _, out _));
    }

    [Fact]
    public void ValuesInStringsAndEmptyValuesAreToldApart()
    {
        var staged = new StagedTexts();
        var column = new object();
        var text = "a value";
        staged.TryGet(text.AsMemory(2, 5), column, out _, out _);
        staged.Keep(text.AsMemory(2, 5), "value", 0);
        staged.Keep(ReadOnlyMemory<char>.Empty, "", 0);

        Assert.True(staged.TryGet(text.AsMemory(2, 5), column, out var found, out _));
        Assert.Equal("value", found);
        Assert.False(staged.TryGet(text.AsMemory(0, 5), column, out _, out _));
        Assert.False(staged.TryGet(ReadOnlyMemory<char>.Empty, column, out _, out _));
    }
}
