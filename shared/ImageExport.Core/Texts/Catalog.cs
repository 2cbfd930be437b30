using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace ImageExport.Core.Texts;

/// <summary>
/// Every text a person reads (notifications, problem and API messages, reasons, fee notes, console labels) in
/// English, Simplified Chinese and Korean. Plain C# tables, not resource files: nothing is looked up by reflection or
/// from satellite assemblies, so trimming and Native AOT keep every text.
/// </summary>
internal static partial class Catalog
{
    /// <summary>Keys of the web console's texts start with this; <see cref="ConsoleJson"/> serves them to the page.</summary>
    public const string ConsolePrefix = "console.";

    public static IReadOnlyList<CatalogEntry> Entries => Index.Entries;

    public static bool Contains(string key) => Index.ByKey.ContainsKey(key);

    public static string Text(Language language, string key) => Entry(key).In(language);

    /// <summary>The text with its placeholders filled; values go in as given.</summary>
    public static string Format(Language language, string key, IReadOnlyList<(string Name, string Value)> args) =>
        Fill(Text(language, key), args, static literal => literal);

    public static string Format(Language language, string key, params (string Name, string Value)[] args) =>
        Format(language, key, (IReadOnlyList<(string Name, string Value)>)args);

    /// <summary>
    /// The text with its own words passed through <paramref name="literal"/> (a markup's escaping) and the values put
    /// in as given, already marked up by the caller: a translation cannot turn into formatting, a value is escaped once.
    /// </summary>
    public static string Format(Language language, string key, Func<string, string> literal, params (string Name, string Value)[] args) =>
        Fill(Text(language, key), args, literal);

    /// <summary>The placeholder names a text uses.</summary>
    public static IReadOnlySet<string> Placeholders(string template)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Walk(template, _ => { }, name => names.Add(name));
        return names;
    }

    /// <summary>
    /// The console's texts in one language as a JSON object (<c>{"console.signIn":"…",…}</c>), for the start function
    /// to embed in the page or serve beside it. Escaped for inlining in a &lt;script&gt; element.
    /// </summary>
    private static readonly JavaScriptEncoder PageEncoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static string ConsoleJson(Language language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        // Chinese and Korean as written (a third the size of \u escapes); <, >, &, ' and " are still escaped by every
        // JavaScriptEncoder, so the object is safe inside <script>.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PageEncoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("language", language.Tag);
            writer.WriteStartObject("texts");
            foreach (var entry in ConsoleEntries)
            {
                writer.WriteString(entry.Key, entry.In(language));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// All three languages' console texts in one object, for a page that switches language without asking the server
    /// again: <c>{"default":"en","languages":{"en":{…},"zh-CN":{…},"ko-KR":{…}}}</c>. <paramref name="fallback"/> is the
    /// deployment's language, for a browser whose languages name none of the three. Escaped for a &lt;script&gt; element.
    /// </summary>
    public static string ConsoleJsonAll(Language fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PageEncoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("default", fallback.Tag);
            writer.WriteStartObject("languages");
            foreach (var language in Language.All)
            {
                writer.WriteStartObject(language.Tag);
                foreach (var entry in ConsoleEntries)
                {
                    writer.WriteString(entry.Key, entry.In(language));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static CatalogEntry Entry(string key) =>
        Index.ByKey.TryGetValue(key, out var entry) ? entry : throw new KeyNotFoundException($"No catalog text '{key}'.");

    // The tables live in several files of this partial class, whose static fields have no defined order between
    // files: the index is built in its own class, after all of them.
    private static class Index
    {
        public static readonly IReadOnlyList<CatalogEntry> Entries =
            [.. FormatEntries, .. NotificationEntries, .. ScheduleEntries, .. ReasonEntries, .. ProblemEntries, .. ApiEntries, .. ConsoleEntries];

        public static readonly Dictionary<string, CatalogEntry> ByKey = Build();

        private static Dictionary<string, CatalogEntry> Build()
        {
            var index = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
            foreach (var entry in Entries)
            {
                // A duplicated key would silently shadow a text; the catalog test reports it, start-up must not crash on it.
                index.TryAdd(entry.Key, entry);
            }

            return index;
        }
    }

    private static string Fill(string template, IReadOnlyList<(string Name, string Value)> args, Func<string, string> literal)
    {
        var builder = new StringBuilder(template.Length + 32);
        var pending = new StringBuilder();
        void Flush()
        {
            if (pending.Length > 0)
            {
                builder.Append(literal(pending.ToString()));
                pending.Clear();
            }
        }

        Walk(template, c => pending.Append(c), name =>
        {
            Flush();
            var found = false;
            foreach (var (argName, value) in args)
            {
                if (string.Equals(argName, name, StringComparison.Ordinal))
                {
                    builder.Append(value);
                    found = true;
                    break;
                }
            }

            // A value the caller forgot shows as its placeholder rather than failing a delivery; the catalog tests
            // check every call site's placeholders against the texts.
            if (!found)
            {
                builder.Append('{').Append(name).Append('}');
            }
        });
        Flush();
        return builder.ToString();
    }

    private static void Walk(string template, Action<char> onChar, Action<string> onPlaceholder)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                onChar(c);
                i++;
                continue;
            }

            if (c == '{')
            {
                var end = template.IndexOf('}', i + 1);
                if (end > i + 1)
                {
                    onPlaceholder(template[(i + 1)..end]);
                    i = end;
                    continue;
                }
            }

            onChar(c);
        }
    }
}
