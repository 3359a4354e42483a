/** Mesh proxies added at admission, which the manifest does not show (index.test.ts has the sidecars it does show). */
import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const NAMESPACE_ISTIO = yaml`
  apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
    labels: {istio-injection: enabled}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'Istio injection with the proxy memory limit pinned',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            metadata:
              labels: {sidecar.istio.io/inject: "true"}
              annotations:
                sidecar.istio.io/proxyMemory: 128Mi
                sidecar.istio.io/proxyMemoryLimit: 256Mi
            spec:
              containers:
                - name: api
                  image: shop/api:2.1
                  resources: {limits: {memory: 512Mi}}
      `,
    },
    {
      name: 'a pod that opts out of its namespace Istio injection',
      yaml: `${NAMESPACE_ISTIO}---\n${yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: batch, namespace: shop}
        spec:
          template:
            metadata:
              labels: {sidecar.istio.io/inject: "false"}
            spec:
              containers:
                - name: batch
                  image: shop/batch:1
                  resources: {limits: {memory: 1Gi}}
      `}`,
    },
    {
      name: 'istio-injection=disabled on the namespace wins over the pod label',
      yaml: yaml`
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {istio-injection: disabled}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {sidecar.istio.io/inject: "true"}}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 128Mi}}
      `,
    },
    {
      name: 'Linkerd namespace injection with the proxy limit on the Namespace',
      yaml: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: emojivoto
          annotations:
            linkerd.io/inject: enabled
            config.linkerd.io/proxy-memory-limit: 250Mi
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: emojivoto}
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: buoyantio/emojivoto-web:v10
                  resources: {limits: {memory: 128Mi}}
      `,
    },
    {
      name: 'an istio-proxy override container with a memory limit pins the injected proxy',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {sidecar.istio.io/inject: "true"}}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 128Mi}}
            - name: istio-proxy
              image: auto
              resources: {limits: {memory: 300Mi}}
      `,
    },
  ],
  invalid: [
    {
      name: 'Istio pod label: the mesh default limit applies, invisible here (warning)',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            metadata:
              labels: {app: api, sidecar.istio.io/inject: "true"}
            spec:
              containers:
                - name: api
                  image: shop/api:2.1
                  resources: {limits: {memory: 512Mi}}
      `,
      problems: [{ messageId: 'istioMeshDefault', args: ['Deployment shop/api', 'pod label sidecar.istio.io/inject: "true"'], line: 7, column: 51, endLine: 7, endColumn: 57, container: 'istio-proxy', severity: 'warning' }],
    },
    {
      name: 'Istio namespace label in a multi-document file',
      yaml: `${NAMESPACE_ISTIO}---\n${yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: db
                  image: postgres:16
                  resources: {limits: {memory: 2Gi}}
      `}`,
      problems: [{ messageId: 'istioMeshDefault', args: ['StatefulSet shop/db', 'Namespace shop label istio-injection: "enabled"'], line: 9, column: 18, endLine: 9, endColumn: 20, container: 'istio-proxy', severity: 'warning' }],
    },
    {
      name: 'Istio revision label on the namespace',
      yaml: yaml`
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {istio.io/rev: 1-22}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 128Mi}}
      `,
      problems: [{ messageId: 'istioMeshDefault', args: ['Pod shop/web', 'Namespace shop label istio.io/rev: "1-22"'], line: 7, column: 18, endLine: 7, endColumn: 21, container: 'istio-proxy', severity: 'warning' }],
    },
    {
      name: 'Istio proxyMemory without proxyMemoryLimit drops the mesh default limit entirely',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            metadata:
              labels: {sidecar.istio.io/inject: "true"}
              annotations:
                sidecar.istio.io/proxyCPU: 100m
                sidecar.istio.io/proxyMemory: 64Mi
            spec:
              containers:
                - name: api
                  image: shop/api:2.1
                  resources: {limits: {memory: 512Mi}}
      `,
      problems: [{ messageId: 'istioNoLimit', args: ['Deployment shop/api', 'pod label sidecar.istio.io/inject: "true"', 'sidecar.istio.io/proxyCPU, sidecar.istio.io/proxyMemory', 67108864], line: 7, column: 41, endLine: 7, endColumn: 47, container: 'istio-proxy' }],
    },
    {
      name: 'an istio-proxy override container without a memory limit is where the finding points',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {istio.io/rev: canary}}
        spec:
          containers:
            - name: web
              resources: {limits: {memory: 128Mi}}
            - name: istio-proxy
              image: auto
              resources: {requests: {cpu: 50m}}
      `,
      problems: [{ messageId: 'istioMeshDefault', args: ['Pod web', 'pod label istio.io/rev: "canary"'], line: 8, column: 13, endLine: 8, endColumn: 24, container: 'istio-proxy', severity: 'warning' }],
    },
    {
      name: 'Linkerd pod annotation without a proxy memory limit',
      yaml: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: emojivoto}
        spec:
          template:
            metadata:
              annotations: {linkerd.io/inject: enabled}
            spec:
              containers:
                - name: web
                  image: buoyantio/emojivoto-web:v10
                  resources: {limits: {memory: 128Mi}}
      `,
      problems: [{ messageId: 'linkerdNoLimit', args: ['Deployment emojivoto/web', 'pod annotation linkerd.io/inject: "enabled"'], line: 7, column: 40, endLine: 7, endColumn: 47, container: 'linkerd-proxy' }],
    },
  ],
});
