using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;

namespace NewsPlatform.TestSupport;

/// <summary>
/// The inbox of an smtp4dev server, read through its REST API: each mail as its raw message, parsed by MimeKit as a
/// mail program would. Tests tell their mail apart by recipient address, never by clearing the inbox.
/// </summary>
public sealed class SmtpInbox(HttpClient api)
{
    /// <summary>Every mail received for <paramref name="address"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailToAsync(string address)
    {
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/messages?pageSize=5000&searchTerms={Uri.EscapeDataString(address)}");
        var mails = new List<(DateTimeOffset At, MimeMessage Mail)>();
        foreach (var item in list.GetProperty("results").EnumerateArray())
        {
            // The search also matches subjects and bodies: only mail addressed to the address counts.
            if (!item.GetProperty("to").EnumerateArray().Any(to => string.Equals(to.GetString(), address, StringComparison.OrdinalIgnoreCase))) continue;
            await using var raw = await api.GetStreamAsync($"/api/messages/{item.GetProperty("id").GetString()}/raw");
            using var buffer = new MemoryStream();
            await raw.CopyToAsync(buffer);
            buffer.Position = 0;
            mails.Add((item.GetProperty("receivedDate").GetDateTimeOffset(), await MimeMessage.LoadAsync(buffer)));
        }
        return mails.OrderBy(m => m.At).Select(m => m.Mail).ToList();
    }

    /// <summary>Waits until <paramref name="address"/> has received at least <paramref name="count"/> mails matching <paramref name="which"/>.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMailAsync(string address, Func<MimeMessage, bool>? which = null, int count = 1,
        TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            var mails = (await MailToAsync(address)).Where(which ?? (_ => true)).ToList();
            if (mails.Count >= count) return mails;
            if (clock.Elapsed > limit)
                throw new TimeoutException($"{address} received {mails.Count} of {count} mails within {limit.TotalSeconds:0} s.");
            await Task.Delay(250);
        }
    }

}
