import platformClient from 'purecloud-platform-client-v2';
import { DEMO_CLIENTS } from '../../../electron/sandbox';

export type ApiClient = typeof platformClient.ApiClient;

/** Genesys's own JavaScript SDK, pointed at the sandbox through its gateway setting. */
export function newSdkClient(port: number): ApiClient {
  // The package's `ApiClient` export is a shared instance; tests need their own.
  const ApiClientClass = (platformClient as unknown as { ApiClientClass: new () => ApiClient })
    .ApiClientClass;
  const client = new ApiClientClass();
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port });
  return client;
}

/** A seeded org, by the demo OAuth client that logs in to it. */
export type DemoOrg = keyof typeof DEMO_CLIENTS;

/** An SDK client of the sandbox, logged in as one demo org's OAuth client. */
export async function loggedInSdkClient(port: number, org: DemoOrg): Promise<ApiClient> {
  const client = newSdkClient(port);
  await client.loginClientCredentialsGrant(DEMO_CLIENTS[org].clientId, DEMO_CLIENTS[org].clientSecret);
  return client;
}

/** The SDK rejects with the parsed error body; this reads its status and message. */
export async function sdkRejection(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const body = error as { status?: number; message?: string };
    return { status: body.status ?? -1, message: body.message ?? '' };
  }
  throw new Error('expected the SDK call to fail');
}
