#!/usr/bin/env python3
"""Turn a fresh `moto_server` (started with INITIAL_NO_AUTH_ACTION_COUNT=4) into
an S3 endpoint that checks request signatures, and prove that it does.

The four unauthenticated calls are spent on IAM: create_user,
create_access_key, create_policy (Allow * on *) and attach_user_policy.
Then a request signed with a wrong secret must fail with SignatureDoesNotMatch
and a correctly signed one must succeed.

Usage: moto_auth_setup.py ENDPOINT REGION
Prints "ACCESS_KEY_ID SECRET_ACCESS_KEY" on stdout; exits 1 with a message.
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

NO_RETRY = Config(retries={"mode": "standard", "total_max_attempts": 1})
S3_CONFIG = NO_RETRY.merge(Config(s3={"addressing_style": "path"}))
BUCKET = "pgbm-selfcheck"


def fail(msg):
    print(f"moto S3 (auth) set-up failed: {msg}", file=sys.stderr)
    sys.exit(1)


def client(service, endpoint, region, key, secret, config):
    return boto3.session.Session().client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=config,
    )


def main(endpoint, region):
    # Exactly four calls: a retry would eat into the unauthenticated budget.
    iam = client("iam", endpoint, region, "bootstrap", "bootstrap", NO_RETRY)
    try:
        iam.create_user(UserName="pgbm-test")
        key = iam.create_access_key(UserName="pgbm-test")["AccessKey"]
        policy = iam.create_policy(
            PolicyName="pgbm-test-allow-all",
            PolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
                }
            ),
        )
        iam.attach_user_policy(UserName="pgbm-test", PolicyArn=policy["Policy"]["Arn"])
    except ClientError as e:
        fail(f"IAM bootstrap call failed: {e}")
    key_id, secret = key["AccessKeyId"], key["SecretAccessKey"]

    wrong = client("s3", endpoint, region, key_id, secret[::-1] + "x", S3_CONFIG)
    try:
        wrong.create_bucket(Bucket=BUCKET)
    except ClientError as e:
        code = e.response.get("Error", {}).get("Code")
        if code != "SignatureDoesNotMatch":
            fail(f"a wrong secret was rejected with {code!r}, not SignatureDoesNotMatch")
    else:
        fail("a request signed with a wrong secret was accepted: authentication is off")

    right = client("s3", endpoint, region, key_id, secret, S3_CONFIG)
    try:
        right.create_bucket(Bucket=BUCKET)
        right.put_object(Bucket=BUCKET, Key="selfcheck.txt", Body=b"ok")
        if right.get_object(Bucket=BUCKET, Key="selfcheck.txt")["Body"].read() != b"ok":
            fail("object read back differs")
        right.delete_object(Bucket=BUCKET, Key="selfcheck.txt")
        right.delete_bucket(Bucket=BUCKET)
    except ClientError as e:
        fail(f"a correctly signed request was rejected: {e}")

    print(key_id, secret)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
