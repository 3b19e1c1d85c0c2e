namespace RecSharp.Tests.Support;

/// <summary>
/// How much memory an action makes the process take: the managed bytes it allocates and, on Linux, how far its peak
/// resident set (<c>VmHWM</c>, reset first through <c>/proc/self/clear_refs</c>) rises above the resident set it
/// started from, which counts libtorch's native allocations too.
/// </summary>
public static class MemoryGrowth
{
    /// <summary>Runs <paramref name="action"/>; returns the exception it threw (or null) and the growth.</summary>
    /// <returns>The exception, the managed bytes allocated and the peak resident growth (null: unknown).</returns>
    public static (Exception? Error, long ManagedBytes, long? PeakResidentBytes) During(Action action)
    {
        bool resident = ResetPeak();
        long residentBefore = resident ? StatusBytes("VmRSS") : 0;
        long managedBefore = GC.GetTotalAllocatedBytes(precise: true);
        Exception? error = null;
        try
        {
            action();
        }
        catch (Exception e)
        {
            error = e;
        }
        long managed = GC.GetTotalAllocatedBytes(precise: true) - managedBefore;
        return (error, managed, resident ? StatusBytes("VmHWM") - residentBefore : null);
    }

    private static bool ResetPeak()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long StatusBytes(string field)
    {
        string line = File.ReadLines("/proc/self/status")
            .First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        string kilobytes = line[(field.Length + 1)..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
