using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator.Scf;

namespace ImageExport.Local.Emulator.ApiGateway;

/// <summary>
/// The API gateway (2018-08-08) actions the deploy library calls when serverless.yml's <c>apigw</c> trigger creates a
/// new service (found by running tencent-component-toolkit 2.27.6 against the emulator; local/README.md lists them):
/// CreateService, DescribeService, ModifyService, DescribeServiceUsagePlan, DescribeApiUsagePlan, DescribeApisStatus,
/// CreateApi, ModifyApi, DescribeApi, ReleaseService, plus DescribeServiceEnvironmentList. Answer shapes follow
/// Tencent's API documents for 2018-08-08 where cited per action; values Tencent
/// does not state are guesses listed in local/README.md.
/// </summary>
internal sealed class GatewayActions(GatewayServices services, Func<string, string, bool> functionExists, string region, string appId, TimeProvider time)
{
    private static readonly string[] Protocols = ["http", "https", "http&https"];
    private static readonly string[] Environments = ["test", "prepub", "release"];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "HEAD", "ANY", "PATCH", "OPTIONS"];

    /// <summary>CreateService (cloud.tencent.com/document/api/628/45201): the service with its default domain, at the top level (no Result).</summary>
    public JsonObject CreateService(FormParameters form)
    {
        var name = form.Required("ServiceName");
        var protocol = Protocol(form.Required("Protocol"));
        var id = NewId("service-");
        var now = Now();
        var service = services.Update(id, existing => existing is null
            ? new GatewayService
            {
                ServiceId = id,
                ServiceName = name,
                ServiceDesc = form.Get("ServiceDesc"),
                Protocol = protocol,
                // The documented example's form: service-0c96l2bo-1251006373.ap-guangzhou.apigateway.myqcloud.com.
                OuterSubDomain = $"{id}-{appId}.{region}.apigateway.myqcloud.com",
                CreatedTime = now,
                ModifiedTime = now,
            }
            : throw new ScfApiException("InternalError", "A service ID was handed out twice."));
        return new JsonObject
        {
            ["ServiceId"] = service.ServiceId,
            ["ServiceName"] = service.ServiceName,
            ["ServiceDesc"] = service.ServiceDesc,
            ["OuterSubDomain"] = service.OuterSubDomain,
            ["InnerSubDomain"] = "",
            ["CreatedTime"] = service.CreatedTime,
            ["NetTypes"] = new JsonArray("OUTER"),
            ["IpVersion"] = "IPv4",
        };
    }

    /// <summary>DescribeService (intl 628/36628): the service and its released environments, at the top level (no Result).</summary>
    public JsonObject DescribeService(FormParameters form)
    {
        var service = Service(form);
        return new JsonObject
        {
            ["ServiceId"] = service.ServiceId,
            ["ServiceName"] = service.ServiceName,
            ["ServiceDesc"] = service.ServiceDesc,
            ["Protocol"] = service.Protocol,
            ["CreatedTime"] = service.CreatedTime,
            ["ModifiedTime"] = service.ModifiedTime,
            ["AvailableEnvironments"] = new JsonArray([.. service.Releases.Select(r => (JsonNode?)r.EnvironmentName)]),
            ["NetTypes"] = new JsonArray("OUTER"),
            ["OuterSubDomain"] = service.OuterSubDomain,
            ["InternalSubDomain"] = "",
            ["InnerHttpPort"] = 80,
            ["InnerHttpsPort"] = 443,
            ["ApiTotalCount"] = service.Apis.Count,
            ["IpVersion"] = "IPv4",
        };
    }

    /// <summary>ModifyService: name, description and protocol; answers nothing but the request ID (a guess).</summary>
    public JsonObject ModifyService(FormParameters form)
    {
        var id = form.Required("ServiceId");
        var protocol = form.Get("Protocol") is { Length: > 0 } asked ? Protocol(asked) : null;
        services.Update(id, s => (s ?? throw NoService(id)) with
        {
            ServiceName = form.Get("ServiceName") is { Length: > 0 } name ? name : s.ServiceName,
            ServiceDesc = form.Get("ServiceDesc") ?? s.ServiceDesc,
            Protocol = protocol ?? s.Protocol,
            ModifiedTime = Now(),
        });
        return [];
    }

    /// <summary>DescribeServiceUsagePlan / DescribeApiUsagePlan: usage plans are not emulated, so there are none.</summary>
    public JsonObject UsagePlans(FormParameters form, string listName)
    {
        Service(form);
        return Result(new JsonObject { ["TotalCount"] = 0, [listName] = new JsonArray() });
    }

    /// <summary>DescribeApisStatus: <c>Result.TotalCount</c> and <c>Result.ApiIdStatusSet</c> as in Tencent's documented example (tccli apigateway DescribeApisStatus); the <c>ApiPath</c> filter matched exactly (a guess).</summary>
    public JsonObject DescribeApisStatus(FormParameters form)
    {
        var service = Service(form);
        IEnumerable<GatewayApi> apis = service.Apis;
        for (var i = 0; i < form.Count("Filters"); i++)
        {
            var name = form.Get($"Filters.{i}.Name");
            var values = Enumerable.Range(0, form.Count($"Filters.{i}.Values")).Select(v => form.Get($"Filters.{i}.Values.{v}")).ToHashSet();
            apis = name switch
            {
                "ApiPath" => apis.Where(a => values.Contains(a.Path)),
                "ApiId" => apis.Where(a => values.Contains(a.ApiId)),
                "ApiName" => apis.Where(a => values.Contains(a.ApiName)),
                _ => throw new ScfApiException("InvalidParameterValue", $"Filters.{i}.Name '{name}' is not emulated (ApiPath, ApiId, ApiName)."),
            };
        }

        var list = apis.ToList();
        var offset = Math.Max(form.Int("Offset") ?? 0, 0);
        var limit = Math.Clamp(form.Int("Limit") ?? 20, 1, 100);
        return Result(new JsonObject
        {
            ["TotalCount"] = list.Count,
            ["ApiIdStatusSet"] = new JsonArray([.. list.Skip(offset).Take(limit).Select(a => (JsonNode)new JsonObject
            {
                ["ServiceId"] = service.ServiceId,
                ["ApiId"] = a.ApiId,
                ["ApiName"] = a.ApiName,
                ["ApiDesc"] = a.ApiDesc,
                ["Path"] = a.Path,
                ["Method"] = a.Method,
                ["Protocol"] = a.Protocol,
                ["AuthType"] = a.AuthType,
                ["ApiType"] = "NORMAL",
                ["ServiceType"] = a.ServiceType,
                ["CreatedTime"] = a.CreatedTime,
                ["ModifiedTime"] = a.ModifiedTime,
            })]),
        });
    }

    /// <summary>CreateApi: one API on a service, <c>Result.ApiId</c>; an SCF backend must name a function SCF has (the check and its code are guesses).</summary>
    public JsonObject CreateApi(FormParameters form)
    {
        var id = form.Required("ServiceId");
        var now = Now();
        var api = Configured(form, new GatewayApi
        {
            ApiId = NewId("api-"),
            ApiName = "",
            Path = "",
            Method = "",
            Protocol = "HTTP",
            AuthType = "NONE",
            ServiceType = "",
            CreatedTime = now,
            ModifiedTime = now,
        }, creating: true);
        services.Update(id, s =>
        {
            var service = s ?? throw NoService(id);
            if (service.Apis.Any(a => a.Path == api.Path && string.Equals(a.Method, api.Method, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ScfApiException("InvalidParameterValue", $"The service {id} already has an API {api.Method} {api.Path}.");
            }

            return service with { Apis = [.. service.Apis, api], ModifiedTime = now };
        });
        return Result(new JsonObject { ["ApiId"] = api.ApiId, ["Path"] = api.Path, ["Method"] = api.Method, ["CreatedTime"] = api.CreatedTime });
    }

    /// <summary>ModifyApi: the settings sent replace those stored (<c>Result</c> true, a guess); callers see them once released.</summary>
    public JsonObject ModifyApi(FormParameters form)
    {
        var id = form.Required("ServiceId");
        var apiId = form.Required("ApiId");
        var current = Service(form).Apis.FirstOrDefault(a => a.ApiId == apiId) ?? throw NoApi(apiId);
        var modified = Configured(form, current with { ModifiedTime = Now() }, creating: false);
        services.Update(id, s =>
        {
            var service = s ?? throw NoService(id);
            if (service.Apis.Any(a => a.ApiId != apiId && a.Path == modified.Path && string.Equals(a.Method, modified.Method, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ScfApiException("InvalidParameterValue", $"The service {id} already has an API {modified.Method} {modified.Path}.");
            }

            return service with { Apis = [.. service.Apis.Select(a => a.ApiId == apiId ? modified : a)], ModifiedTime = modified.ModifiedTime };
        });
        return new JsonObject { ["Result"] = true };
    }

    /// <summary>DescribeApi (intl 628/36659): the API's details (ApiInfo) under Result.</summary>
    public JsonObject DescribeApi(FormParameters form)
    {
        var service = Service(form);
        var apiId = form.Required("ApiId");
        var api = service.Apis.FirstOrDefault(a => a.ApiId == apiId) ?? throw NoApi(apiId);
        return Result(new JsonObject
        {
            ["ServiceId"] = service.ServiceId,
            ["ServiceName"] = service.ServiceName,
            ["ServiceDesc"] = service.ServiceDesc,
            ["ApiId"] = api.ApiId,
            ["ApiName"] = api.ApiName,
            ["ApiDesc"] = api.ApiDesc,
            ["Protocol"] = api.Protocol,
            ["ApiType"] = "NORMAL",
            ["ApiBusinessType"] = "NORMAL",
            ["AuthType"] = api.AuthType,
            ["ServiceType"] = api.ServiceType,
            ["ServiceTimeout"] = api.ServiceTimeout,
            ["RequestConfig"] = new JsonObject { ["Path"] = api.Path, ["Method"] = api.Method },
            ["ResponseType"] = api.ResponseType,
            ["EnableCORS"] = api.EnableCors,
            ["ServiceScfFunctionName"] = api.FunctionName,
            ["ServiceScfFunctionNamespace"] = api.FunctionNamespace,
            ["ServiceScfFunctionQualifier"] = api.FunctionQualifier,
            ["ServiceScfFunctionType"] = api.FunctionType,
            ["ServiceScfIsIntegratedResponse"] = api.IsIntegratedResponse,
            ["CreatedTime"] = api.CreatedTime,
            ["ModifiedTime"] = api.ModifiedTime,
        });
    }

    /// <summary>ReleaseService (cloud.tencent.com/document/product/628/14904): <c>Result.ReleaseDesc</c> and <c>ReleaseVersion</c>; the service's APIs as they are now become what the environment serves.</summary>
    public JsonObject ReleaseService(FormParameters form)
    {
        var id = form.Required("ServiceId");
        var environment = form.Required("EnvironmentName");
        if (!Environments.Contains(environment, StringComparer.Ordinal))
        {
            throw new ScfApiException("InvalidParameterValue", $"EnvironmentName '{environment}': test, prepub or release.");
        }

        var description = form.Get("ReleaseDesc");
        var now = time.GetUtcNow();
        var version = now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString();
        services.Update(id, s =>
        {
            var service = s ?? throw NoService(id);
            var release = new GatewayRelease
            {
                EnvironmentName = environment,
                ReleaseVersion = version,
                ReleaseDesc = description,
                ReleaseTime = Format(now),
                Apis = [.. service.Apis],
            };
            return service with { Releases = [.. service.Releases.Where(r => r.EnvironmentName != environment), release] };
        });
        return Result(new JsonObject { ["ReleaseDesc"] = description, ["ReleaseVersion"] = version });
    }

    /// <summary>DescribeServiceEnvironmentList: the three environments, Status 1 where released (field names from the toolkit's reading of it, apigw/entities/service.js).</summary>
    public JsonObject DescribeServiceEnvironmentList(FormParameters form)
    {
        var service = Service(form);
        return Result(new JsonObject
        {
            ["TotalCount"] = Environments.Length,
            ["EnvironmentList"] = new JsonArray([.. Environments.Select(e =>
            {
                var release = service.Releases.FirstOrDefault(r => r.EnvironmentName == e);
                return (JsonNode)new JsonObject
                {
                    ["EnvironmentName"] = e,
                    ["Url"] = $"{service.OuterSubDomain}/{e}",
                    ["Status"] = release is null ? 0 : 1,
                    ["VersionName"] = release?.ReleaseVersion ?? "",
                };
            })]),
        });
    }

    /// <summary>DescribeServiceSubDomains: custom domains are not emulated, so a service has none (<c>Result.DomainSet</c>, as the toolkit reads it).</summary>
    public JsonObject DescribeServiceSubDomains(FormParameters form)
    {
        Service(form);
        return Result(new JsonObject { ["TotalCount"] = 0, ["DomainSet"] = new JsonArray() });
    }

    private GatewayApi Configured(FormParameters form, GatewayApi api, bool creating)
    {
        string? Given(string name) => form.Get(name) is { Length: > 0 } value ? value : null;
        bool? Flag(string name) => Given(name) switch
        {
            null => null,
            "true" or "True" => true,
            "false" or "False" => false,
            var other => throw new ScfApiException("InvalidParameterValue", $"{name}: '{other}' is not true or false."),
        };

        var configured = api with
        {
            ApiName = Given("ApiName") ?? (creating ? "" : api.ApiName),
            ApiDesc = form.Get("ApiDesc") ?? api.ApiDesc,
            Path = Given("RequestConfig.Path") ?? (creating ? throw ScfApiException.Missing("RequestConfig.Path") : api.Path),
            Method = (Given("RequestConfig.Method") ?? (creating ? throw ScfApiException.Missing("RequestConfig.Method") : api.Method)).ToUpperInvariant(),
            Protocol = Given("Protocol") ?? api.Protocol,
            AuthType = Given("AuthType") ?? api.AuthType,
            ServiceType = Given("ServiceType") ?? (creating ? throw ScfApiException.Missing("ServiceType") : api.ServiceType),
            ServiceTimeout = form.Int("ServiceTimeout") ?? (creating ? 15 : api.ServiceTimeout),
            ResponseType = Given("ResponseType") ?? api.ResponseType,
            EnableCors = Flag("EnableCORS") ?? api.EnableCors,
            FunctionName = Given("ServiceScfFunctionName") ?? api.FunctionName,
            FunctionNamespace = Given("ServiceScfFunctionNamespace") ?? api.FunctionNamespace ?? "default",
            FunctionQualifier = Given("ServiceScfFunctionQualifier") ?? api.FunctionQualifier ?? "$LATEST",
            FunctionType = Given("ServiceScfFunctionType") ?? api.FunctionType,
            IsIntegratedResponse = Flag("ServiceScfIsIntegratedResponse") ?? api.IsIntegratedResponse,
        };

        if (!configured.Path.StartsWith('/'))
        {
            throw new ScfApiException("InvalidParameterValue", $"RequestConfig.Path '{configured.Path}' must start with '/'.");
        }

        if (!Methods.Contains(configured.Method, StringComparer.Ordinal))
        {
            throw new ScfApiException("InvalidParameterValue", $"RequestConfig.Method '{configured.Method}': one of {string.Join(", ", Methods)}.");
        }

        if (configured.ServiceType == "SCF")
        {
            var name = configured.FunctionName ?? throw ScfApiException.Missing("ServiceScfFunctionName");
            if (!functionExists(configured.FunctionNamespace!, name))
            {
                throw new ScfApiException("InvalidParameterValue", $"ServiceScfFunctionName: SCF has no function {configured.FunctionNamespace}/{name}.");
            }
        }
        else
        {
            throw new ScfApiException("InvalidParameterValue", $"ServiceType '{configured.ServiceType}' is not emulated (SCF only).");
        }

        return configured;
    }

    private GatewayService Service(FormParameters form)
    {
        var id = form.Required("ServiceId");
        return services.Find(id) ?? throw NoService(id);
    }

    private static string Protocol(string asked) =>
        Protocols.Contains(asked, StringComparer.Ordinal)
            ? asked
            : throw new ScfApiException("InvalidParameterValue", $"Protocol '{asked}': http, https or http&https.");

    // The deploy library treats any error whose code contains ResourceNotFound as "not there" (apigw/apis.js).
    private static ScfApiException NoService(string id) => new("ResourceNotFound.InvalidService", $"The service {id} does not exist.");

    private static ScfApiException NoApi(string id) => new("ResourceNotFound.InvalidApi", $"The API {id} does not exist.");

    private static JsonObject Result(JsonObject result) => new() { ["Result"] = result };

    // IDs shaped as Tencent's examples (service-0c96l2bo): a prefix and 8 lower-case letters or digits.
    private static string NewId(string prefix) =>
        prefix + new string([.. RandomNumberGenerator.GetItems<char>("abcdefghijklmnopqrstuvwxyz0123456789", 8)]);

    private string Now() => Format(time.GetUtcNow());

    private static string Format(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
