#!/usr/bin/env python3
"""Signs requests with botocore, the reference SigV4 implementation, for SigV4DifferentialTests.

Usage: sigv4_botocore.py REQUESTS.json  (prints the results as JSON on stdout)

Input: {"headerRequests": [R...], "presignRequests": [R...]}, where each R has
  id, method, url (scheme://host + encoded path + "?" + encoded query, exactly as Swift sends it),
  rawPath, query [[name, value]...] (raw), headers [[name, value]...], payload ("sha256" | "unsigned"
  | "empty"), bodyBase64 (for "sha256"), accessKeyId, secretAccessKey, sessionToken (or null), region,
  service, epochSeconds (the signing time) and, for presigned URLs, expires.

Header requests are signed with botocore.auth.S3SigV4Auth, presigned ones with S3SigV4QueryAuth; the
time comes from patching botocore.auth.get_current_datetime (add_auth overwrites
request.context['timestamp'], so setting that is not enough). botocore hashes the body itself.

S3SigV4Auth signs the URL's path exactly as given (no normalisation, no second encoding), and the query
as split from the URL, so equal signatures alone would not catch a wrong encoding. Independently of the
Swift code, each result therefore also carries the path encoded by urllib.parse.quote (safe "/"), the
canonical query botocore builds from the raw parameters, and the one it reads back from the wire URL.

botocore rewrites a Date header (and then sends no X-Amz-Date), unlike AWS's own PUT example, so the
generated requests carry none; the known-answer tests cover Date.
"""

import base64
import datetime
import json
import sys
import types
from unittest import mock
from urllib.parse import quote, urlsplit

import botocore
from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class Recording:
    """Keeps the canonical request and string to sign botocore computes while signing."""

    def canonical_request(self, request):
        self.last_canonical_request = super().canonical_request(request)
        return self.last_canonical_request

    def string_to_sign(self, request, canonical_request):
        self.last_string_to_sign = super().string_to_sign(request, canonical_request)
        return self.last_string_to_sign


class RecordingS3SigV4Auth(Recording, S3SigV4Auth):
    pass


class RecordingS3SigV4QueryAuth(Recording, S3SigV4QueryAuth):
    pass


def credentials(spec):
    return Credentials(spec["accessKeyId"], spec["secretAccessKey"], spec.get("sessionToken"))


def signing_time(spec):
    # botocore works with naive UTC datetimes; strftime drops the fraction of a second.
    moment = datetime.datetime.fromtimestamp(spec["epochSeconds"], datetime.timezone.utc)
    return moment.replace(tzinfo=None)


def make_request(spec, body):
    request = AWSRequest(method=spec["method"], url=spec["url"], data=body)
    for name, value in spec["headers"]:
        # HTTPHeaders (an email.message.Message) appends: repeated names stay repeated.
        request.headers[name] = value
    return request


def encodings(spec, auth):
    return {
        "quotedPath": quote(spec["rawPath"], safe="/"),
        "wirePath": urlsplit(spec["url"]).path,
        "canonicalQueryFromParams": auth._canonical_query_string_params(
            [(name, value) for name, value in spec["query"]]
        ),
        "canonicalQueryFromURL": auth._canonical_query_string_url(urlsplit(spec["url"])),
    }


def sign_headers(spec):
    payload = spec["payload"]
    body = base64.b64decode(spec["bodyBase64"]) if payload == "sha256" else b""
    request = make_request(spec, body)
    # An explicit choice: botocore would otherwise decide from https and Content-MD5.
    request.context["client_config"] = types.SimpleNamespace(
        s3={"payload_signing_enabled": payload != "unsigned"}
    )
    auth = RecordingS3SigV4Auth(credentials(spec), spec["service"], spec["region"])
    with mock.patch("botocore.auth.get_current_datetime", return_value=signing_time(spec)):
        auth.add_auth(request)
    added = {}
    for name in ("X-Amz-Date", "X-Amz-Content-SHA256", "X-Amz-Security-Token", "Authorization"):
        values = request.headers.get_all(name) or []
        if values:
            added[name.lower()] = values
    result = {
        "id": spec["id"],
        "headers": added,
        "canonicalRequest": auth.last_canonical_request,
        "stringToSign": auth.last_string_to_sign,
    }
    result.update(encodings(spec, auth))
    return result


def presign(spec):
    request = make_request(spec, b"")
    auth = RecordingS3SigV4QueryAuth(
        credentials(spec), spec["service"], spec["region"], expires=spec["expires"]
    )
    with mock.patch("botocore.auth.get_current_datetime", return_value=signing_time(spec)):
        auth.add_auth(request)
    result = {
        "id": spec["id"],
        "url": request.url,
        "canonicalRequest": auth.last_canonical_request,
        "stringToSign": auth.last_string_to_sign,
    }
    result.update(encodings(spec, auth))
    return result


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        specs = json.load(handle)
    output = {
        "botocoreVersion": botocore.__version__,
        "headerResults": [sign_headers(spec) for spec in specs.get("headerRequests", [])],
        "presignResults": [presign(spec) for spec in specs.get("presignRequests", [])],
    }
    json.dump(output, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
