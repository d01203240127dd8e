{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "customer-insight.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release plus chart name, unless the release already contains it. */}}
{{- define "customer-insight.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "customer-insight.headless" -}}
{{- printf "%s-headless" (include "customer-insight.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "customer-insight.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "customer-insight.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "customer-insight.selectorLabels" -}}
app.kubernetes.io/name: {{ include "customer-insight.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "customer-insight.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "customer-insight.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Environment every container that talks to Kafka needs: brokers and the credentials from Secrets. */}}
{{- define "customer-insight.kafkaEnv" -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required (the Kafka cluster to read from and write to)" .Values.kafka.bootstrapServers | quote }}
{{- if .Values.kafka.sasl.existingSecret }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.sasl.existingSecret }}
      key: {{ .Values.kafka.sasl.jaasConfigKey }}
{{- end }}
{{- if .Values.kafka.tls.existingSecret }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.tls.existingSecret }}
      key: {{ .Values.kafka.tls.truststorePasswordKey }}
{{- if .Values.kafka.tls.keystoreKey }}
- name: KAFKA_SSL_KEYSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.tls.existingSecret }}
      key: {{ .Values.kafka.tls.keystorePasswordKey }}
{{- end }}
{{- end }}
{{- end }}

{{/* Mounts every container that talks to Kafka needs: the configuration, a writable /tmp, the TLS stores. */}}
{{- define "customer-insight.kafkaMounts" -}}
- name: config
  mountPath: /etc/customer-insight/config
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if .Values.kafka.tls.existingSecret }}
- name: kafka-tls
  mountPath: /etc/customer-insight/tls
  readOnly: true
{{- end }}
{{- end }}
