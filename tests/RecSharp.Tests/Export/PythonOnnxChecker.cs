using RecSharp.Tests.Shared;

namespace RecSharp.Tests.Export;

/// <summary>
/// Python's <c>onnx.checker.check_model</c> (Debian's <c>python3-onnx</c>, ONNX 1.12), run on a file with full
/// checks (shape inference included).
/// </summary>
public static class PythonOnnxChecker
{
    private const string Script =
        "import sys, onnx; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print(onnx.__version__)";

    /// <summary>A Python interpreter that imports <c>onnx</c> (Debian's first), or null.</summary>
    public static string? Python { get; } =
        new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(p => Run(p, "-c", "import onnx").Code == 0);

    /// <summary>Skips the test, with the reason, when no Python with <c>onnx</c> is installed.</summary>
    public static void Require() =>
        Skip.If(Python is null,
            "needs python3 with the onnx module (Debian: apt-get install python3-onnx), which is absent");

    /// <summary>Runs the checker on <paramref name="path"/>: the exit code and what it printed.</summary>
    public static (int Code, string Output) Check(string path) => Run(Python!, "-c", Script, path);

    private static (int Code, string Output) Run(string python, params string[] args)
    {
        var (code, output, error) = ChildProcess.Run(python, args);
        return (code, output + error);
    }
}
